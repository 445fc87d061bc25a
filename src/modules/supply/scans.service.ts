import type { Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { Gs1Error, parseGs1, type Gs1Data } from './gs1.js';
import { productByGtin, type ProductRow } from './products.repository.js';
import type { ScanResult } from './stock.schema.js';

/** Parses a scan or answers 400 naming the field and what is wrong with the barcode. */
export function parseScan(code: string, path: string): Gs1Data {
  try {
    return parseGs1(code);
  } catch (e) {
    if (e instanceof Gs1Error) throw invalid([{ path, message: `GS1 scan refused: ${e.message}` }]);
    throw e;
  }
}

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
export async function describeScan(database: Database, _principal: Principal | null, code: string, lines: Parameters<typeof lineOfScan>[0] | null): Promise<ScanResult> {
  const data = parseScan(code, '/code');
  const product = data.gtin === null ? undefined : await productByGtin(database.db, data.gtin);
  const line = product === undefined || lines === null ? undefined : lineOfScan(lines, product.id, data);
  return {
    gtin: data.gtin,
    expiry: data.expiry,
    lotCode: data.lot,
    serial: data.serial,
    quantity: data.quantity,
    productId: product?.id ?? null,
    productName: product?.name ?? null,
    lineId: line?.id ?? null,
  };
}
