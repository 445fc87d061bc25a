import type { RawBuilder, SqlBool } from 'kysely';
import type { Principal } from '../../context.js';
import { placesCondition, type PlaceColumns } from '../../db/places-condition.js';
import { AppError } from '../../errors.js';
import { covers, EVERYTHING, hasRole, scopeFor, type Scope } from '../../scope.js';

/**
 * What of the supply chain a caller may read. Ministry, warehouse and analyst roles see it all (partner-level
 * data, DESIGN §5); a facility reporter sees the locations of its facilities; a donor officer sees what their
 * organisation donated (lots, shipments, assets), wherever it is.
 */
export interface SupplyView {
  readonly all: boolean;
  readonly places: Scope;
  readonly donorOrgIds: readonly string[];
}

const SEES_ALL = ['admin', 'coordinator', 'warehouse_officer', 'analyst'] as const;

export function supplyView(principal: Principal | null): SupplyView {
  if (hasRole(principal, [...SEES_ALL])) return { all: true, places: EVERYTHING, donorOrgIds: [] };
  const donorOrgIds = (principal?.memberships ?? []).filter((m) => m.role === 'donor_officer' && m.organizationId !== null).map((m) => m.organizationId as string);
  return { all: false, places: scopeFor(principal, ['facility_reporter']), donorOrgIds: [...new Set(donorOrgIds)] };
}

/** The places a caller may change stock at: admins everywhere, coordinators and warehouse officers in their scope. */
export function supplyEditScope(principal: Principal | null): Scope {
  if (hasRole(principal, ['admin'])) return EVERYTHING;
  return scopeFor(principal, ['coordinator', 'warehouse_officer']);
}

/**
 * What a stock write is: `manage` (dispatch, transfer, reversal, minimums, assets) is for the supply writers;
 * `facility` work (receiving a delivery at a facility, using, writing off and counting its stock, reporting a
 * broken unit) is also for the facility's own reporters, at the facility's location only (never a warehouse).
 */
export type StockWork = 'manage' | 'facility';

export function assertMayStock(principal: Principal | null, location: { facility_id: string | null; area_path: string; name: string }, work: StockWork = 'manage'): void {
  const place = { id: location.facility_id ?? '', area_path: location.area_path };
  if (covers(supplyEditScope(principal), place)) return;
  if (work === 'facility' && location.facility_id !== null && covers(scopeFor(principal, ['facility_reporter']), place)) return;
  throw new AppError('forbidden', `"${location.name}" is outside the ${work === 'facility' ? 'facilities and areas you work for' : 'areas you may manage stock in'}.`);
}

export const seesPlace = (view: SupplyView, place: { facility_id: string | null; area_path: string }): boolean =>
  view.all || covers(view.places, { id: place.facility_id ?? '', area_path: place.area_path });

/**
 * The view as a WHERE fragment over a query's location columns (facility id, area path) and, where the
 * query has one, its donor column: `isVisibleTo(user)` in SQL, so lists are filtered in the query.
 */
export function viewCondition(view: SupplyView, cols: PlaceColumns): RawBuilder<SqlBool> {
  return placesCondition(view.places, view.donorOrgIds, cols);
}
