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
  /** Derived: what the indicators count, packed (indicators.state.ts). */
  state: string;
}

/** The latest report per facility, kept in the write's transaction so "now" needs no scan of the series. */
export interface FacilityStatusCurrentTable {
  facility_id: string;
  report_id: string;
  observed_at: string;
  /** The current report's packed state, so "now" indicators read this table alone. */
  state: string;
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
  /** The stored record's id, or for a facility edit the facility's. */
  result_id: string;
  /** The answer replayed for the same body: 202 applied, 409 sent to the review inbox (a stale facility edit). */
  status: number;
  actor: string;
  received_at: string;
}

/**
 * A record a coordinator must review, never lost: one that came back under a known UUID with a different body,
 * or an offline facility edit based on a version that is no longer current.
 */
export interface SyncInboxTable {
  id: string;
  client_id: string;
  kind: string;
  body: string;
  facility_id: string | null;
  /** Place of the record's facility or area, for scoping the inbox; null when it names none we know. */
  area_path: string | null;
  /** In English, for reviewers; the sender's notification is written from reason_code (texts.schema.ts) and its values. */
  reason: string;
  /** Null for entries stored before migration 0023. */
  reason_code: string | null;
  /** JSON object of the code's values. */
  reason_params: string | null;
  actor: string;
  received_at: string;
  /** Null while open; 'apply' or 'dismiss' once a coordinator has decided. */
  resolution: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_note: string | null;
  /** What applying produced: the new record's id, or the facility's for an edit. */
  resolution_result_id: string | null;
}

/**
 * The review of one status report or incident (migration 0018). A report without a row is `new`; a decision or a
 * correction writes the row, and `version` guards it so two coordinators cannot both decide.
 */
export interface ReportReviewsTable {
  /** 'status' or 'incident'. */
  kind: string;
  report_id: string;
  /** 'new', 'validated', 'returned' or 'corrected' (review.schema.ts). */
  state: string;
  version: number;
  /** The returned report (same kind) that this one corrects. */
  corrects: string | null;
  /** The report that corrected this returned one. */
  corrected_by: string | null;
  /** The coordinator's comment to the reporter (required when returning). */
  comment: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface MonitoringTables {
  report_reviews: ReportReviewsTable;
  sync_records: SyncRecordsTable;
  sync_inbox: SyncInboxTable;
  status_reports: StatusReportsTable;
  facility_status_current: FacilityStatusCurrentTable;
  incidents: IncidentsTable;
}
