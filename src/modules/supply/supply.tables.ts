/** Tables owned by medicines and equipment (issue 6) (merged into the DB interface in src/db/tables.ts). */

export interface ProductsTable {
  id: string;
  kind: string;
  name: string;
  inn: string | null;
  atc_code: string | null;
  form: string | null;
  strength: string | null;
  unit: string;
  pack_size: number;
  /** GTIN-14, or null. */
  gtin: string | null;
  /** 1 when on the national essential medicines list. */
  essential: number;
  search_text: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface LocationsTable {
  id: string;
  kind: string;
  name: string;
  facility_id: string | null;
  area_katottg: string;
  area_path: string;
  operator_org_id: string | null;
  /** A warehouse's point (optional; generators waiting there are planned from it). Facilities have their own. */
  lat?: number | null;
  lon?: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ShipmentsTable {
  id: string;
  donor_reference: string;
  donor_org_id: string;
  origin: string;
  to_location_id: string;
  status: string;
  status_reason: string | null;
  notice_received_at: string | null;
  expected_arrival: string;
  recipient_agreed_on: string | null;
  received_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ShipmentLinesTable {
  id: string;
  shipment_id: string;
  line_no: number;
  product_id: string;
  quantity: number;
  lot_code: string | null;
  expiry: string | null;
  need_id: string | null;
  /** JSON array of serials, or null. */
  serials: string | null;
  received_quantity: number;
  rejected_quantity: number;
}

export interface ShipmentCartonsTable {
  id: string;
  shipment_id: string;
  carton_no: number;
  /** Decimal string, kilograms. */
  weight_kg: string;
  /** JSON [{ lineNo, quantity }]. */
  contents: string;
}

export interface LotsTable {
  id: string;
  product_id: string;
  lot_code: string;
  expiry: string | null;
  gtin: string | null;
  donor_org_id: string;
  shipment_id: string | null;
  status: string;
  status_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ReceiptsTable {
  id: string;
  shipment_id: string;
  received_at: string;
  received_by: string;
  note: string | null;
}

export interface ReceiptLinesTable {
  id: string;
  receipt_id: string;
  shipment_line_id: string;
  lot_id: string | null;
  quantity: number;
  rejected_quantity: number;
  reject_reason: string | null;
}

export interface StockMovesTable {
  id: string;
  kind: string;
  lot_id: string;
  product_id: string;
  from_location_id: string | null;
  to_location_id: string | null;
  quantity: number;
  reverses_id: string | null;
  reason: string | null;
  shipment_id: string | null;
  actor: string;
  at: string;
}

export interface StockBalancesTable {
  location_id: string;
  lot_id: string;
  product_id: string;
  quantity: number;
  updated_at: string;
}

export interface StockMinimumsTable {
  location_id: string;
  product_id: string;
  minimum: number;
  updated_at: string;
}

export interface RuleOverridesTable {
  id: string;
  shipment_id: string;
  rule: string;
  reason: string;
  overridden_by: string;
  at: string;
}

export interface SupplyTables {
  products: ProductsTable;
  locations: LocationsTable;
  shipments: ShipmentsTable;
  shipment_lines: ShipmentLinesTable;
  shipment_cartons: ShipmentCartonsTable;
  lots: LotsTable;
  receipts: ReceiptsTable;
  receipt_lines: ReceiptLinesTable;
  stock_moves: StockMovesTable;
  stock_balances: StockBalancesTable;
  stock_minimums: StockMinimumsTable;
  rule_overrides: RuleOverridesTable;
}
