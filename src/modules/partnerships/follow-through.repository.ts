import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';

/**
 * Read-only figures from the energy and supply capabilities, aggregated in SQL. Neither links a delivery to a
 * project, so deliveries are attributed to an agreement by donor (the agreement's partner organisations) and to
 * a priority area by content (delivery-areas.ts; docs/partnerships.md).
 */

export interface GeneratorFigures {
  arrived: number;
  installed: number;
  arrivedKw: number;
  installedKw: number;
  /** Facilities where counted units were installed. */
  facilityIds: string[];
}

/**
 * A generator enters the fleet when it arrives (registered at a warehouse, or recorded at its facility); its only
 * road afterwards is an executed plan's dispatch shipment (`shipment_id` set). So a unit has arrived unless it is
 * in transit on no such shipment (announced, not yet received). It has been installed once it has a facility and
 * an installation date, whatever its later status: both measures only grow as units move on.
 */
const ARRIVED = sql<boolean>`not (a.status = 'in_transit' and a.shipment_id is null)`;
const INSTALLED = sql<boolean>`(a.facility_id is not null and a.installed_on is not null)`;

export async function generatorFigures(db: Kysely<DB>, donorIds: readonly string[]): Promise<GeneratorFigures> {
  if (donorIds.length === 0) return { arrived: 0, installed: 0, arrivedKw: 0, installedKw: 0, facilityIds: [] };
  const [totals, facilities] = await Promise.all([
    db
      .selectFrom('assets as a')
      .innerJoin('generator_specs as g', 'g.asset_id', 'a.id')
      .select([
        sql<number | string | null>`sum(case when ${ARRIVED} then 1 else 0 end)`.as('arrived'),
        sql<number | string | null>`sum(case when ${INSTALLED} then 1 else 0 end)`.as('installed'),
        sql<number | string | null>`sum(case when ${ARRIVED} then g.rating_kw else 0 end)`.as('arrived_kw'),
        sql<number | string | null>`sum(case when ${INSTALLED} then g.rating_kw else 0 end)`.as('installed_kw'),
      ])
      .where('a.donor_org_id', 'in', donorIds)
      .executeTakeFirst(),
    db
      .selectFrom('assets as a')
      .innerJoin('generator_specs as g', 'g.asset_id', 'a.id')
      .select('a.facility_id')
      .distinct()
      .where('a.donor_org_id', 'in', donorIds)
      .where(INSTALLED)
      .execute(),
  ]);
  return {
    arrived: Number(totals?.arrived ?? 0),
    installed: Number(totals?.installed ?? 0),
    arrivedKw: Number(totals?.arrived_kw ?? 0),
    installedKw: Number(totals?.installed_kw ?? 0),
    facilityIds: facilities.flatMap((f) => (f.facility_id === null ? [] : [f.facility_id])),
  };
}

/** One received shipment line of the donors: what it carried and where it was received. */
export interface ReceivedLine {
  shipment_id: string;
  facility_id: string | null;
  kind: string;
  atc_code: string | null;
}

/** Every shipment line of these donors with something received (received in full or in part). */
export async function receivedLines(db: Kysely<DB>, donorIds: readonly string[]): Promise<ReceivedLine[]> {
  if (donorIds.length === 0) return [];
  return db
    .selectFrom('shipments as s')
    .innerJoin('shipment_lines as sl', 'sl.shipment_id', 's.id')
    .innerJoin('products as p', 'p.id', 'sl.product_id')
    .innerJoin('locations as l', 'l.id', 's.to_location_id')
    .select(['s.id as shipment_id', 'l.facility_id', 'p.kind', 'p.atc_code'])
    .where('s.donor_org_id', 'in', donorIds)
    .where('sl.received_quantity', '>', 0)
    .execute();
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
