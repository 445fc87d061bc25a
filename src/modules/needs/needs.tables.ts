/** Tables owned by the needs capability (merged into the DB interface in src/db/tables.ts). */
export interface NeedsTable {
  id: string;
  facility_id: string;
  /** The facility's area path when the need was registered: scope filters and gap roll-ups use it. */
  area_path: string;
  category: string;
  specification: string;
  /** Decimal string. */
  quantity: string;
  unit: string;
  priority: string;
  needed_by: string | null;
  /** submitted → approved | rejected → partially_met → met; cancelled or closed from an open state (needs.life.ts). */
  status: string;
  /** Rolled up from need_links (decimal strings in the need's unit); never written apart from them. */
  quantity_pledged: string;
  quantity_committed: string;
  quantity_delivered: string;
  /** Refused at receipt (rejected links): that part of a commitment will not come, so it is open again. */
  quantity_rejected: string;
  /** Set when the need is closed short: the rest that will not come, no longer counted in the gap. */
  quantity_closed: string;
  /** The cost estimate: price of one unit (decimal string) in its currency, as entered on its date; all null when none. */
  unit_price: string | null;
  price_currency: string | null;
  price_date: string | null;
  /** The user who raised it (null for needs raised before migration 0012-needs-life). */
  raised_by: string | null;
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** `shipment_line`: a line of a shipment on its way (an executed energy plan commits its units' kW to the need). */
export type NeedLinkSourceKind = 'transaction' | 'receipt' | 'rejection' | 'shipment_line';
/** `rejected`: units refused at a receipt (supply), which reopen that part of the need. */
export type NeedLinkStage = 'pledged' | 'committed' | 'delivered' | 'rejected';

/** What meets a need, with the quantity it covers in the need's unit. */
export interface NeedLinksTable {
  id: string;
  need_id: string;
  source_kind: NeedLinkSourceKind;
  source_id: string;
  stage: NeedLinkStage;
  quantity: string;
  /** What the source counted, before conversion to the need's unit (e.g. 10 pack); null when it was the need's unit. */
  source_quantity: string | null;
  source_unit: string | null;
  created_by: string | null;
  created_at: string;
}

/** One step of a need's life, shown on its page: who, when, from which status to which, and why. */
export interface NeedTransitionsTable {
  id: string;
  need_id: string;
  at: string;
  /** The actor as in the audit log (email or system label); null for steps recorded before migration 0012-needs-life. */
  actor: string | null;
  /** submit, approve, reject, edit, cancel, close, or progress (a link changed the status). */
  action: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  /** JSON: what an edit changed ({ field: [before, after] }) or what a progress step was caused by. */
  change: string | null;
}

export interface NeedsTables {
  needs: NeedsTable;
  need_links: NeedLinksTable;
  need_transitions: NeedTransitionsTable;
}
