import type { Principal } from '../../context.js';
import { readerOf, type Database } from '../../db/database.js';
import { convert, MissingRateError, type RateUsed } from '../../engine/fx/convert.js';
import { formatDecimal, multiply, parseDecimal } from '../../engine/fx/decimal.js';
import { invalid, type FieldError } from '../../errors.js';
import { registryScope } from '../../scope.js';
import { loadRateTable } from '../funding/fx.service.js';
import { localNames } from '../geography/area-names.schema.js';
import { listAreaRecords } from '../geography/geography.service.js';
import { isOpen, requiredOf, uncoveredOf } from './needs.life.js';
import { gapRowsPage, type GapRow } from './needs.repository.js';
import type { NeedGaps } from './needs.schema.js';

const PAGE = 5000;
/** Approved needs count as requirements, including those met or closed short; cancelled and rejected ones do not. */
const COUNTED = ['approved', 'partially_met', 'met', 'closed'];

type Item = NeedGaps['items'][number];
type Oblast = Item['oblast'];
interface Sums {
  requirements: bigint;
  committed: bigint;
  delivered: bigint;
  uncovered: bigint;
}
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const money = (v: bigint) => formatDecimal(v, 2);

/**
 * Money gaps as OCHA FTS shows them, per oblast and category, in one currency: requirements, committed,
 * delivered, uncovered and % funded, for approved needs (those awaiting a decision apart). Each figure of a need
 * is its quantity × the estimate's unit price in the estimate's currency, converted at the estimate's date as
 * funding converts (that day's rate or the nearest earlier, rounded to the cent; never 1:1), so every row is the
 * exact sum of its needs' converted figures. A missing rate refuses the answer, naming the currency and date.
 */
export async function needGaps(database: Database, principal: Principal | null, currency: string): Promise<NeedGaps> {
  const scope = registryScope(principal);
  const rows: GapRow[] = [];
  for (const statuses of [COUNTED, ['submitted']]) {
    for (let after: string | undefined; ; ) {
      const page = await gapRowsPage(readerOf(database), scope, statuses, after, PAGE);
      rows.push(...page);
      if (page.length < PAGE) break;
      after = page[page.length - 1]?.id;
    }
  }
  const currencies = [...new Set(rows.flatMap((r) => (r.price_currency === null ? [] : [r.price_currency])))];
  const table = await loadRateTable(database.db, [currency, ...currencies], '9999-12-31');
  const rates = new Map<string, RateUsed>();
  const missing = new Map<string, FieldError>();
  /** One figure of a need in the chosen currency, or undefined when it has no estimate or no rate. */
  const valueOf = (r: GapRow, quantity: bigint): bigint | undefined => {
    if (r.unit_price === null || r.price_currency === null || r.price_date === null) return undefined;
    const original = formatDecimal(multiply(quantity, parseDecimal(r.unit_price)), 18);
    try {
      const converted = convert(table, original, r.price_currency, currency, r.price_date);
      for (const used of converted.rates) rates.set(`${used.currency}|${used.date}`, used);
      return parseDecimal(converted.amount);
    } catch (e) {
      if (!(e instanceof MissingRateError)) throw e;
      const key = `${e.currency}|${e.date}`;
      if (!missing.has(key) && missing.size < 50) missing.set(key, { path: '/currency', message: `need ${r.id}: ${e.message}; import the rate (carebridge import fx)` });
      return undefined;
    }
  };

  const names = new Map((await listAreaRecords(database, { level: 1 })).map((a) => [a.katottg, a]));
  const oblastOf = (r: GapRow): Oblast => {
    const katottg = r.area_path.slice(0, 19);
    const area = names.get(katottg);
    const name = area === undefined ? { uk: katottg, en: katottg, ja: katottg } : localNames(area);
    return { katottg, iso3166_2: area?.iso3166_2 ?? null, name };
  };

  const items = new Map<string, Item & { sums: Sums }>();
  const submitted = new Map<string, NeedGaps['submitted'][number] & { sum: bigint }>();
  for (const r of rows) {
    const key = `${r.area_path.slice(0, 19)}|${r.category}`;
    const category = r.category as Item['category'];
    if (r.status === 'submitted') {
      const s = submitted.get(key) ?? { oblast: oblastOf(r), category, needs: 0, unpriced: 0, estimated: '0.00', sum: 0n };
      const value = valueOf(r, parseDecimal(r.quantity));
      s.needs += 1;
      if (value === undefined) s.unpriced += 1;
      else s.sum += value;
      submitted.set(key, s);
      continue;
    }
    const item = items.get(key) ?? { oblast: oblastOf(r), category, needs: 0, critical: 0, open: 0, uncoveredCritical: 0, unpriced: 0, requirements: '', committed: '', delivered: '', uncovered: '', funded: '', percentFunded: null, sums: { requirements: 0n, committed: 0n, delivered: 0n, uncovered: 0n } };
    const required = requiredOf(r);
    const gap = uncoveredOf(r);
    item.needs += 1;
    if (r.priority === 'critical') item.critical += 1;
    if (isOpen(r.status) && gap > 0n) {
      item.open += 1;
      if (r.priority === 'critical') item.uncoveredCritical += 1;
    }
    const figures = [required, min(parseDecimal(r.quantity_committed), required), min(parseDecimal(r.quantity_delivered), required), gap].map((q) => valueOf(r, q));
    const [requirements, committed, delivered, uncovered] = figures;
    if (requirements === undefined || committed === undefined || delivered === undefined || uncovered === undefined) item.unpriced += 1;
    else {
      item.sums.requirements += requirements;
      item.sums.committed += committed;
      item.sums.delivered += delivered;
      item.sums.uncovered += uncovered;
    }
    items.set(key, item);
  }
  if (missing.size > 0) throw invalid([...missing.values()]);

  const sorted = [...items.values()].sort(
    (a, b) => b.uncoveredCritical - a.uncoveredCritical || b.critical - a.critical || (b.sums.uncovered > a.sums.uncovered ? 1 : b.sums.uncovered < a.sums.uncovered ? -1 : 0) || a.oblast.katottg.localeCompare(b.oblast.katottg) || a.category.localeCompare(b.category),
  );
  return {
    currency,
    items: sorted.map(({ sums, ...item }) => {
      const funded = sums.requirements - sums.uncovered;
      // Basis points, rounded half up, then one decimal: 2 of 3 funded is 66.7 %.
      const percentFunded = sums.requirements === 0n ? null : Number((funded * 2000n + sums.requirements) / (2n * sums.requirements)) / 10;
      return { ...item, requirements: money(sums.requirements), committed: money(sums.committed), delivered: money(sums.delivered), uncovered: money(sums.uncovered), funded: money(funded), percentFunded };
    }),
    submitted: [...submitted.values()].sort((a, b) => a.oblast.katottg.localeCompare(b.oblast.katottg) || a.category.localeCompare(b.category)).map(({ sum, ...s }) => ({ ...s, estimated: money(sum) })),
    rates: [...rates.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date)),
  };
}
