import type { ApiTokensTable } from '../../db/tables.js';
import type { MembershipRow, UserRow } from './access.repository.js';
import type { Membership, Role, Token, User } from './access.schema.js';

/** The KATOTTG code at the end of a stored area path ("UA46…/UA4602…/" → "UA4602…"). */
const codeOfPath = (path: string): string => path.split('/').filter((s) => s !== '').at(-1) ?? path;

export const presentMembership = (m: MembershipRow): Membership => ({
  id: m.id,
  role: m.role as Role,
  organizationId: m.organization_id,
  scopeAreas: m.scope_areas === null ? null : (JSON.parse(m.scope_areas) as string[]).map(codeOfPath),
  scopeFacilities: m.scope_facilities === null ? null : (JSON.parse(m.scope_facilities) as string[]),
});

export const presentUser = (u: UserRow, memberships: readonly MembershipRow[]): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  language: u.language as User['language'],
  disabled: u.disabled_at !== null,
  memberships: memberships.map(presentMembership),
  createdAt: u.created_at,
  updatedAt: u.updated_at,
  version: u.version,
});

/** Never the secret or its hash. */
export const presentToken = (t: ApiTokensTable): Token => ({
  id: t.id,
  userId: t.user_id,
  name: t.name,
  createdAt: t.created_at,
  expiresAt: t.expires_at,
  revokedAt: t.revoked_at,
});
