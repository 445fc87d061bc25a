import type { Role } from './modules/access/access.schema.js';

/** Who is calling, as established by authentication. */
export interface Principal {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  readonly organizationId: string | null;
}

/** What every service call knows about its caller; services never see HTTP. */
export interface CallContext {
  readonly principal: Principal | null;
  readonly requestId: string | null;
}

export const systemContext = (label = 'system'): CallContext => ({
  principal: null,
  requestId: label,
});

/** The audit log's actor name for a context. */
export const actorOf = (ctx: CallContext): string => ctx.principal?.email ?? ctx.requestId ?? 'system';
