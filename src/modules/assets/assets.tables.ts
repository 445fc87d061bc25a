/** Tables owned by the assets capability (merged into the DB interface in src/db/tables.ts). */

/** One unit of equipment or one generator set in service, of a catalogue product (supply's `products`). */
export interface AssetsTable {
  id: string;
  serial: string;
  product_id: string;
  /** The facility it is installed at or bound for; null while it waits in a warehouse. */
  facility_id: string | null;
  /** The facility's area path (or the location's), for scope filters. */
  area_path: string | null;
  /** The stock location it was received at or waits in (a warehouse for generators waiting to be allocated). */
  location_id: string | null;
  donor_org_id: string | null;
  shipment_id: string | null;
  status: string;
  status_reason: string | null;
  installed_on: string | null;
  warranty_until: string | null;
  maintenance_interval_days: number | null;
  last_maintained_on: string | null;
  next_maintenance_due: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AssetMaintenanceTable {
  id: string;
  asset_id: string;
  performed_on: string;
  kind: string;
  note: string | null;
  performed_by: string;
  created_at: string;
}

/**
 * What only a generator set has, 1:1 with its asset row. A side table rather than nullable columns on
 * `assets`: every column here is required for a generator (NOT NULL holds it, where nullable columns on
 * assets could not say "required when a generator"), equipment rows carry no empty power columns, and
 * "is a generator" is the existence of the row (an inner join on the primary key).
 */
export interface GeneratorSpecsTable {
  asset_id: string;
  rating_kva: number;
  /** 0.8 × kVA. */
  rating_kw: number;
  /** 1 when standby-rated (usable 70 % over long outages), 0 when prime-rated. */
  standby: number;
  fuel_type: string;
  tank_litres: number;
  /** This unit's linear fuel curve, litres/hour = f0 × rated kW + f1 × output kW (defaults: the documented curve). */
  fuel_f0: number;
  fuel_f1: number;
}

export interface AssetsTables {
  assets: AssetsTable;
  asset_maintenance: AssetMaintenanceTable;
  generator_specs: GeneratorSpecsTable;
}
