import type { Principal } from './context.js';
import type { Role } from './modules/access/access.schema.js';

/**
 * What part of the registry a set of memberships covers: everything, or some
 * areas (by KATOTTG path prefix, sub-areas included) and some facilities.
 */
export interface Scope {
  readonly all: boolean;
  readonly areaPaths: readonly string[];
  readonly facilityIds: readonly string[];
}

export const NOTHING: Scope = Object.freeze({ all: false, areaPaths: [], facilityIds: [] });
export const EVERYTHING: Scope = Object.freeze({ all: true, areaPaths: [], facilityIds: [] });

export const hasRole = (principal: Principal | null, roles: readonly Role[]): boolean =>
  principal !== null && principal.memberships.some((m) => roles.includes(m.role));

/** The union of the scopes of the caller's memberships in the given roles. */
export function scopeFor(principal: Principal | null, roles: readonly Role[]): Scope {
  if (principal === null) return NOTHING;
  const relevant = principal.memberships.filter((m) => roles.includes(m.role));
  if (relevant.some((m) => m.scope.all)) return EVERYTHING;
  return {
    all: false,
    areaPaths: [...new Set(relevant.flatMap((m) => m.scope.areaPaths))],
    facilityIds: [...new Set(relevant.flatMap((m) => m.scope.facilityIds))],
  };
}

export const covers = (scope: Scope, facility: { id: string; area_path: string }): boolean =>
  scope.all || scope.facilityIds.includes(facility.id) || scope.areaPaths.some((p) => facility.area_path.startsWith(p));

/** Roles that read the whole registry at partner level; a facility reporter reads only its own facilities. */
const REGISTRY_READERS: readonly Role[] = ['admin', 'coordinator', 'analyst', 'donor_officer', 'warehouse_officer'];

/** The facilities a caller may read: the scope every registry query is filtered by. */
export function registryScope(principal: Principal | null): Scope {
  if (hasRole(principal, REGISTRY_READERS)) return EVERYTHING;
  return scopeFor(principal, ['facility_reporter']);
}

/** The facilities a caller may change: admins everywhere, coordinators in their scope. */
export function editScope(principal: Principal | null): Scope {
  if (hasRole(principal, ['admin'])) return EVERYTHING;
  return scopeFor(principal, ['coordinator']);
}

/**
 * The facilities a caller does field work for: reporting status and attacks, confirming deliveries, using and
 * counting stock, reporting a broken unit. Admins everywhere, coordinators in their scope, facility reporters
 * for their own facilities. Pickers offer only these (GET /api/v1/facilities?scope=work), so a choice the
 * server would refuse is never shown.
 */
export function workScope(principal: Principal | null): Scope {
  const edit = editScope(principal);
  if (edit.all) return edit;
  const own = scopeFor(principal, ['facility_reporter']);
  if (own.all) return own;
  return { all: false, areaPaths: [...new Set([...edit.areaPaths, ...own.areaPaths])], facilityIds: [...new Set([...edit.facilityIds, ...own.facilityIds])] };
}

/**
 * DESIGN §5: restricted fields of a named facility (exact coordinates; power
 * and fuel status; incident sources) are for admins and for coordinators
 * whose scope covers the facility. This is the one predicate presenters use.
 */
export const seesRestricted = (principal: Principal | null, facility: { id: string; area_path: string }): boolean =>
  covers(editScope(principal), facility);
