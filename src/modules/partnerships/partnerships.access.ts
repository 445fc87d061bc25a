import type { Principal } from '../../context.js';
import { AppError } from '../../errors.js';
import { hasRole } from '../../scope.js';

/** Roles that read every agreement and meeting; donor officers read those of their own organisation. */
const READ_ALL = ['admin', 'coordinator', 'analyst'] as const;
export const PARTNERSHIP_READERS = ['admin', 'coordinator', 'analyst', 'donor_officer'] as const;
export const PARTNERSHIP_WRITERS = ['admin', 'coordinator'] as const;

/**
 * The organisations whose agreements and meetings a caller may read: null for
 * everything, else the organisations of its donor-officer memberships (possibly
 * none). Repositories put this into the WHERE clause.
 */
export type PartnerScope = readonly string[] | null;

export function partnerScope(principal: Principal | null): PartnerScope {
  if (hasRole(principal, READ_ALL)) return null;
  return (principal?.memberships ?? []).filter((m) => m.role === 'donor_officer' && m.organizationId !== null).map((m) => m.organizationId as string);
}

/** Writers change agreements, meetings and links; the route rule already says so, this guards service callers too. */
export function assertMayWrite(principal: Principal | null): void {
  if (!hasRole(principal, PARTNERSHIP_WRITERS)) throw new AppError('forbidden', 'Only admins and coordinators change agreements and meetings.');
}
