import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { formatPlain } from '../../engine/fx/decimal.js';
import { takesLinks, uncoveredOf } from './needs.life.js';
import { findNeed, needsOfCategory, type NeedRow } from './needs.repository.js';
import { NEED_PRIORITIES } from './needs.schema.js';
import { convertQuantity, dimensionOf } from './needs.units.js';

/** An approved need for backup power that is still open: what an allocation plan should cover at its facility. */
export interface PowerNeed {
  needId: string;
  facilityId: string;
  specification: string;
  priority: string;
  /** quantity − delivered − (committed not yet delivered), in kW. */
  uncoveredKw: number;
}

/** The statuses a plan can still meet (the same as those that take links). */
const TAKING = ['approved', 'partially_met'] as const satisfies readonly string[];

const rank = (n: Pick<NeedRow, 'priority' | 'needed_by' | 'id'>): [number, string, string] => [(NEED_PRIORITIES as readonly string[]).indexOf(n.priority), n.needed_by ?? '9999-12-31', n.id];
const byUrgency = (a: NeedRow, b: NeedRow): number => {
  const [pa, da, ia] = rank(a);
  const [pb, db, ib] = rank(b);
  return pa - pb || da.localeCompare(db) || ia.localeCompare(ib);
};

/**
 * For energy plans (DESIGN §4 Energy): the approved generator needs at these facilities counted in a power
 * unit (kW, MW), with what is still uncovered converted to kW, most urgent first (priority, needed-by, then
 * oldest). A generator need counted in pieces says nothing about power, so no plan can size it: it is left
 * out, and docs/needs.md asks for generator needs in kW.
 */
export async function uncoveredPowerNeeds(db: Kysely<DB>, facilityIds: ReadonlySet<string>): Promise<PowerNeed[]> {
  const rows = (await needsOfCategory(db, 'generator', TAKING)).filter((n) => facilityIds.has(n.facility_id) && takesLinks(n.status) && dimensionOf(n.unit) === 'power');
  return rows.sort(byUrgency).flatMap((n) => {
    const kw = convertQuantity(formatPlain(uncoveredOf(n)), { unit: n.unit }, 'kW');
    const uncoveredKw = kw.ok ? Number(kw.quantity) : 0;
    return uncoveredKw > 0 ? [{ needId: n.id, facilityId: n.facility_id, specification: n.specification, priority: n.priority, uncoveredKw }] : [];
  });
}

/** Which of these needs still take deliveries (approved or partially met): an executed plan links its lines only to those. */
export async function needsStillOpen(db: Kysely<DB>, ids: readonly string[]): Promise<Set<string>> {
  const open = new Set<string>();
  for (const id of new Set(ids)) if (takesLinks((await findNeed(db, id))?.status ?? '')) open.add(id);
  return open;
}
