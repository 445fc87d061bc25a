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
  status: string;
  /** Rolled up from need_links (decimal strings in the need's unit); never written apart from them. */
  quantity_pledged: string;
  quantity_committed: string;
  quantity_delivered: string;
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export type NeedLinkSourceKind = 'transaction' | 'receipt';
export type NeedLinkStage = 'pledged' | 'committed' | 'delivered';

/** What meets a need, with the quantity it covers in the need's unit. */
export interface NeedLinksTable {
  id: string;
  need_id: string;
  source_kind: NeedLinkSourceKind;
  source_id: string;
  stage: NeedLinkStage;
  quantity: string;
  created_by: string | null;
  created_at: string;
}

export interface NeedsTables {
  needs: NeedsTable;
  need_links: NeedLinksTable;
}
