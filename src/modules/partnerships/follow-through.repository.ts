import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';

/**
 * Read-only figures from the energy and supply capabilities, aggregated in SQL.
 * Neither links an asset to a project, so deliveries are attributed by donor:
 * the organisations that are partners of the agreement (docs/partnerships.md).
 */
const NOT_YET_DELIVERED = ['in_transit'];
const INSTALLED = ['installed', 'functioning', 'needs_attention', 'not_functioning'];
const RECEIVED = ['received', 'partially_received'];

export interface GeneratorFigures {
  delivered: number;
  installed: number;
  deliveredKw: number;
  facilityIds: string[];
}

export async function generatorFigures(db: Kysely<DB>, donorIds: readonly string[]): Promise<GeneratorFigures> {
  if (donorIds.length === 0) return { delivered: 0, installed: 0, deliveredKw: 0, facilityIds: [] };
  const [byStatus, facilities] = await Promise.all([
    db
      .selectFrom('assets')
      .innerJoin('generator_specs', 'generator_specs.asset_id', 'assets.id')
      .select((eb) => ['assets.status as status', eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string | null>('generator_specs.rating_kw').as('kw')])
      .where('assets.donor_org_id', 'in', donorIds)
      .groupBy('assets.status')
      .execute(),
    db
      .selectFrom('assets')
      .innerJoin('generator_specs', 'generator_specs.asset_id', 'assets.id')
      .select('assets.facility_id')
      .distinct()
      .where('assets.donor_org_id', 'in', donorIds)
      .where('assets.status', 'in', INSTALLED)
      .where('assets.facility_id', 'is not', null)
      .execute(),
  ]);
  let delivered = 0;
  let installed = 0;
  let deliveredKw = 0;
  for (const r of byStatus) {
    if (NOT_YET_DELIVERED.includes(r.status)) continue;
    delivered += Number(r.n);
    deliveredKw += Number(r.kw ?? 0);
    if (INSTALLED.includes(r.status)) installed += Number(r.n);
  }
  return { delivered, installed, deliveredKw, facilityIds: facilities.flatMap((f) => (f.facility_id === null ? [] : [f.facility_id])) };
}

export interface ShipmentFigures {
  delivered: number;
  facilityIds: string[];
}

export async function shipmentFigures(db: Kysely<DB>, donorIds: readonly string[]): Promise<ShipmentFigures> {
  if (donorIds.length === 0) return { delivered: 0, facilityIds: [] };
  const rows = await db
    .selectFrom('shipments as s')
    .innerJoin('locations as l', 'l.id', 's.to_location_id')
    .select(['s.id', 'l.facility_id'])
    .where('s.donor_org_id', 'in', donorIds)
    .where('s.status', 'in', RECEIVED)
    .execute();
  return { delivered: rows.length, facilityIds: [...new Set(rows.flatMap((r) => (r.facility_id === null ? [] : [r.facility_id])))] };
}

export interface ProjectBrief {
  id: string;
  iati_identifier: string;
  title: string;
  locations: string;
}

export async function projectBriefs(db: Kysely<DB>, ids: readonly string[]): Promise<ProjectBrief[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('projects').select(['id', 'iati_identifier', 'title', 'locations']).where('id', 'in', [...ids]).orderBy('start_date').orderBy('id').execute();
}
