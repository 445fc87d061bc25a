/**
 * Tables owned by the monitoring capability (merged into the DB interface in src/db/tables.ts).
 */

/** One observation of a facility (append-only: a correction is a newer report, never an edit). */
export interface StatusReportsTable {
  id: string;
  facility_id: string;
  /** When the state was observed (ISO UTC); "as of" queries compare this, not created_at. */
  observed_at: string;
  reporter: string;
  building_condition: string;
  building_cause: string | null;
  functionality: string;
  /** JSON array of reasons. */
  functionality_reasons: string;
  accessibility: string;
  /** JSON array of free-text barriers. */
  accessibility_barriers: string;
  power_source: string;
  outage_hours_7d: number | null;
  backup_kw: number | null;
  fuel_litres: number | null;
  water: string | null;
  cold_chain: string | null;
  /** JSON array of { code, status, reasons }. */
  services: string;
  rehab_beds: number | null;
  therapists: number | null;
  psychologists: number | null;
  psychiatrists: number | null;
  created_at: string;
}

/** The latest report per facility, kept in the write's transaction so "now" needs no scan of the series. */
export interface FacilityStatusCurrentTable {
  facility_id: string;
  report_id: string;
  observed_at: string;
}

/** An attack on health care (SSA-like). */
export interface IncidentsTable {
  id: string;
  occurred_at: string;
  facility_id: string | null;
  facility_type: string | null;
  area_katottg: string;
  area_path: string;
  /** JSON array of attack types. */
  attack_types: string;
  /** JSON array of free-text resources affected. */
  resources_affected: string;
  health_workers_killed: number;
  health_workers_injured: number;
  patients_killed: number;
  patients_injured: number;
  certainty: string;
  source: string | null;
  narrative: string | null;
  reporter: string;
  created_at: string;
}

/** What became of an offline record sent under a client UUID: the first result is replayed for the same body. */
export interface SyncRecordsTable {
  client_id: string;
  kind: string;
  /** SHA-256 of the record's kind and body in canonical JSON (keys sorted). */
  body_hash: string;
  result_id: string;
  actor: string;
  received_at: string;
}

/** A record that came back under a known UUID with a different body: kept for a coordinator to review, never lost. */
export interface SyncInboxTable {
  id: string;
  client_id: string;
  kind: string;
  body: string;
  facility_id: string | null;
  /** Place of the record's facility or area, for scoping the inbox; null when it names none we know. */
  area_path: string | null;
  reason: string;
  actor: string;
  received_at: string;
}

export interface MonitoringTables {
  sync_records: SyncRecordsTable;
  sync_inbox: SyncInboxTable;
  status_reports: StatusReportsTable;
  facility_status_current: FacilityStatusCurrentTable;
  incidents: IncidentsTable;
}
