import type { Role } from './modules/access/access.schema.js';
import type { Scope } from './scope.js';

export interface PrincipalMembership {
  readonly role: Role;
  readonly organizationId: string | null;
  readonly scope: Scope;
}

/** Who is calling, as established by authentication (a session cookie or a bearer token). */
export interface Principal {
  readonly userId: string;
  readonly email: string;
  readonly memberships: readonly PrincipalMembership[];
  /** Set when the caller came with a session cookie: unsafe methods must echo its CSRF token. */
  readonly sessionId: string | null;
  readonly csrfToken: string | null;
}

/** What every service call knows about its caller; services never see HTTP. */
export interface CallContext {
  readonly principal: Principal | null;
  readonly requestId: string | null;
}

/**
 * The machine's own operator: the CLI, the demo loader, start-up tasks. Whoever
 * can run these already holds the database, so they act with admin rights,
 * recorded in the audit log under the label.
 */
export const systemContext = (label = 'system'): CallContext => ({
  principal: {
    userId: 'system',
    email: label,
    memberships: [{ role: 'admin', organizationId: null, scope: { all: true, areaPaths: [], facilityIds: [] } }],
    sessionId: null,
    csrfToken: null,
  },
  requestId: label,
});

/** The audit log's actor name for a context. */
export const actorOf = (ctx: CallContext): string => ctx.principal?.email ?? ctx.requestId ?? 'system';
