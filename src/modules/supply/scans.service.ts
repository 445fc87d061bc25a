import type { Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { Gs1Error, readGs1, type Gs1Check, type Gs1Data, type Gs1Reading } from './gs1.js';
import { productByGtin, type ProductRow } from './products.repository.js';
import type { ScanResult } from './stock.schema.js';

/** Reads a scan through the GS1 layers `check` asks for, or answers 400 with every reason, each naming the field. */
function readScan(code: string, path: string, check: Gs1Check): Gs1Reading {
  try {
    return readGs1(code, check);
  } catch (e) {
    if (e instanceof Gs1Error) throw invalid(e.problems.map((p) => ({ path, message: `GS1 scan refused: ${p}` })));
    throw e;
  }
}

/** A scan as receiving and counting take it: GS1's syntax and pairing rules, and only the AIs Carebridge reads. */
export const parseScan = (code: string, path: string): Gs1Data => readScan(code, path, 'full').data;

/** The catalogue product a scan names by its GTIN. */
export async function productOfScan(database: Database, data: Gs1Data, path: string): Promise<ProductRow> {
  if (data.gtin === null) throw invalid([{ path, message: 'the scan has no GTIN (AI 01), so it names no product' }]);
  const product = await productByGtin(database.db, data.gtin);
  if (product === undefined) throw invalid([{ path, message: `no product in the catalogue has GTIN ${data.gtin}` }]);
  return product;
}

/** A shipment line a scan matches: same product, and the same lot when the line announced one (lines still open first). */
export function lineOfScan<L extends { id: string; product_id: string; lot_code: string | null; quantity: number; received_quantity: number; rejected_quantity: number }>(lines: readonly L[], productId: string, data: Gs1Data): L | undefined {
  const candidates = lines.filter((l) => l.product_id === productId && (l.lot_code === null || data.lot === null || l.lot_code === data.lot));
  const exact = candidates.filter((l) => data.lot !== null && l.lot_code === data.lot);
  const open = (l: L) => l.quantity - l.received_quantity - l.rejected_quantity > 0;
  return exact.find(open) ?? candidates.find(open) ?? exact[0] ?? candidates[0];
}

/** What the scan field shows before anything is stored. */
export async function describeScan(database: Database, _principal: Principal | null, code: string, lines: Parameters<typeof lineOfScan>[0] | null, check: Gs1Check = 'full'): Promise<ScanResult> {
  const { data, elements } = readScan(code, '/code', check);
  const product = data.gtin === null ? undefined : await productByGtin(database.db, data.gtin);
  const line = product === undefined || lines === null ? undefined : lineOfScan(lines, product.id, data);
  return {
    gtin: data.gtin,
    expiry: data.expiry,
    lotCode: data.lot,
    serial: data.serial,
    quantity: data.containedCount ?? data.variableCount,
    productId: product?.id ?? null,
    productName: product?.name ?? null,
    lineId: line?.id ?? null,
    elements,
  };
}
