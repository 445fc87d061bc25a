import type { Principal } from '../../context.js';
import { systemContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { Role } from '../access/access.schema.js';
import { covers, scopeFor } from '../../scope.js';
import { principalMembership } from '../access/access.service.js';
import { activeUser, activeUsersInRoles, type Recipient } from './notifications.repository.js';
import type { NotificationParams } from './notifications.schema.js';

/** A user who may be told something, with the principal they would have when signed in. */
export interface Candidate {
  readonly user: Recipient;
  readonly principal: Principal;
}

/** One recipient of an event: what their notification says (cut to what they may see) and where it leads. */
export interface Resolved {
  readonly userId: string;
  readonly params: NotificationParams;
  readonly link: string | null;
}

/** The operator's principal: reads the whole state to work out recipients, never a recipient itself. */
export const SYSTEM: Principal | null = systemContext('notifications').principal;

const principalOf = (user: Recipient, memberships: Parameters<typeof principalMembership>[0][]): Principal => ({
  userId: user.id,
  email: user.email,
  memberships: memberships.map(principalMembership),
  sessionId: null,
  csrfToken: null,
});

/** Active users holding one of the roles, each with all their memberships (visibility depends on all of them). */
export async function candidatesInRoles(database: Database, roles: readonly Role[]): Promise<Candidate[]> {
  const { users, memberships } = await activeUsersInRoles(database.db, roles);
  const byUser = new Map<string, typeof memberships>();
  for (const m of memberships) byUser.set(m.user_id, [...(byUser.get(m.user_id) ?? []), m]);
  return users.map((u) => ({ user: u, principal: principalOf(u, byUser.get(u.id) ?? []) }));
}

export async function candidateById(database: Database, id: string | null): Promise<Candidate | undefined> {
  if (id === null) return undefined;
  const found = await activeUser(database.db, id);
  return found === undefined ? undefined : { user: found.user, principal: principalOf(found.user, found.memberships) };
}

/** Whether the candidate works for a place in the role: a facility reporter for a facility, a warehouse officer for a warehouse. */
export const worksAt = (c: Candidate, role: Role, place: { facilityId: string | null; areaPath: string }): boolean =>
  covers(scopeFor(c.principal, [role]), { id: place.facilityId ?? '', area_path: place.areaPath });

/** True when `read` succeeds for the candidate: the module's own visibility rule decides, so nothing leaks. */
export async function mayRead(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch {
    return false;
  }
}

const given = (name: string | null | undefined): name is string => name !== undefined && name !== null && name !== '';

/**
 * A name in the recipient's language (Ukrainian is every record's first language): a Japanese reader gets the
 * Japanese name where the record has one (organisations may), else the English, as every other non-Ukrainian reader.
 */
export const nameIn = (language: string, names: { uk: string; en?: string | null; ja?: string | null }): string =>
  language === 'uk' ? names.uk : language === 'ja' && given(names.ja) ? names.ja : given(names.en) ? names.en : names.uk;
