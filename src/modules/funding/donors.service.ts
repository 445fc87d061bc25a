import type { Database } from '../../db/database.js';
import { convert, MissingRateError, type RateUsed } from '../../engine/fx/convert.js';
import { formatDecimal, parseDecimal } from '../../engine/fx/decimal.js';
import { invalid, type FieldError } from '../../errors.js';
import { loadRateTable } from './fx.service.js';
import { organizationCache } from './projects.export.js';
import { sectorsOfProjects } from './projects.repository.js';
import type { Project } from './projects.schema.js';
import { splitCents } from './sector-split.js';
import type { DonorTotals } from './donors.schema.js';
import { earliestValueDates, transactionAmountsPage } from './transactions.repository.js';
import { BUCKET } from './transactions.service.js';

type Stage = 'pledged' | 'committed' | 'disbursed' | 'spent' | 'received';
type Sums = Record<Stage, bigint>;
const zero = (): Sums => ({ pledged: 0n, committed: 0n, disbursed: 0n, spent: 0n, received: 0n });
const text = (s: Sums) => ({ pledged: formatDecimal(s.pledged, 2), committed: formatDecimal(s.committed, 2), disbursed: formatDecimal(s.disbursed, 2), spent: formatDecimal(s.spent, 2), received: formatDecimal(s.received, 2) });
const PAGE = 5000;
const CENT = 10n ** 16n;

/**
 * Totals by donor (the transaction's provider) in one reporting currency.
 * Each transaction is converted at its value date's rate (or the nearest
 * earlier one) and rounded to cents; every total is the exact sum of those
 * parts, so a donor's figure equals the sum over its transactions and a
 * country's equals the sum over its donors; a country's sector figures
 * (each part split by its project's sector percentages, in whole cents) add
 * up to the country's figure. A missing rate refuses the whole
 * answer (never 1:1). The table is read a page at a time.
 */
/**
 * The sectors money is split over: the DAC 5-digit ones (an imported activity may also list
 * other vocabularies, which would count the money twice), else those of its first vocabulary;
 * a sector without a percentage takes an equal share.
 */
function splitSectors(sectors: Project['sectors']): { code: string; hundredths: number }[] {
  const dac = sectors.filter((x) => x.vocabulary === '1');
  const used = dac.length > 0 ? dac : sectors.filter((x) => x.vocabulary === sectors[0]?.vocabulary);
  return used.map((x) => ({ code: x.code, hundredths: Math.round((x.percentage ?? 100 / used.length) * 100) }));
}

export async function donorTotals(database: Database, currency: string): Promise<DonorTotals> {
  const firsts = await earliestValueDates(database.db);
  const table = await loadRateTable(database.db, [currency, ...firsts.map((f) => f.currency)], '9999-12-31');
  const byDonor = new Map<string, { sums: Sums; projects: Set<string>; transactions: number }>();
  const rates = new Map<string, RateUsed & { transactions: number }>();
  const missing = new Map<string, FieldError>();
  // Each converted part is split between its project's sectors in whole cents, so the sector figures add up to the donor's.
  const sectorsOf = new Map<string, { code: string; hundredths: number }[]>();
  const bySector = new Map<string, Map<string, Sums>>();
  let after: string | undefined;
  for (;;) {
    const page = await transactionAmountsPage(database.db, after, PAGE);
    const unknown = [...new Set(page.map((t) => t.project_id))].filter((id) => !sectorsOf.has(id));
    for (const p of await sectorsOfProjects(database.db, unknown)) {
      sectorsOf.set(p.id, splitSectors(JSON.parse(p.sectors) as Project['sectors']));
    }
    for (const t of page) {
      if (t.provider_org_id === null) continue;
      let converted;
      try {
        converted = convert(table, t.amount, t.currency, currency, t.value_date);
      } catch (e) {
        if (!(e instanceof MissingRateError)) throw e;
        const key = `${e.currency}|${e.date}`;
        if (!missing.has(key) && missing.size < 50) missing.set(key, { path: '/currency', message: `transaction ${t.id}: ${e.message}; import the rate (carebridge import fx)` });
        continue;
      }
      const donor = byDonor.get(t.provider_org_id) ?? { sums: zero(), projects: new Set<string>(), transactions: 0 };
      const stage = BUCKET[t.type] ?? 'spent';
      const value = parseDecimal(converted.amount);
      donor.sums[stage] += value;
      const sectors = bySector.get(t.provider_org_id) ?? new Map<string, Sums>();
      for (const part of splitCents(value / CENT, sectorsOf.get(t.project_id) ?? [])) {
        const sums = sectors.get(part.code) ?? zero();
        sums[stage] += part.cents * CENT;
        sectors.set(part.code, sums);
      }
      bySector.set(t.provider_org_id, sectors);
      donor.projects.add(t.project_id);
      donor.transactions += 1;
      byDonor.set(t.provider_org_id, donor);
      for (const r of converted.rates) {
        const key = `${r.currency}|${r.date}`;
        const used = rates.get(key) ?? { ...r, transactions: 0 };
        used.transactions += 1;
        rates.set(key, used);
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]?.id;
  }
  if (missing.size > 0) throw invalid([...missing.values()]);
  const orgOf = organizationCache(database);
  const donors: DonorTotals['donors'] = [];
  const byCountry = new Map<string, { sums: Sums; donors: number; sectors: Map<string, Sums> }>();
  const add = (into: Sums, from: Sums) => {
    for (const stage of Object.keys(into) as Stage[]) into[stage] += from[stage];
  };
  for (const [id, d] of byDonor) {
    const org = await orgOf(id);
    donors.push({ organizationId: id, name: org.name_en, nameUk: org.name_uk, country: org.country, ...text(d.sums), projects: d.projects.size, transactions: d.transactions });
    const country = byCountry.get(org.country ?? '') ?? { sums: zero(), donors: 0, sectors: new Map<string, Sums>() };
    add(country.sums, d.sums);
    for (const [code, sums] of bySector.get(id) ?? []) {
      const into = country.sectors.get(code) ?? zero();
      add(into, sums);
      country.sectors.set(code, into);
    }
    country.donors += 1;
    byCountry.set(org.country ?? '', country);
  }
  const committedOf = (x: { committed: string }) => parseDecimal(x.committed);
  const desc = (a: { committed: string }, b: { committed: string }) => (committedOf(b) > committedOf(a) ? 1 : committedOf(b) < committedOf(a) ? -1 : 0);
  return {
    currency,
    donors: donors.sort((a, b) => desc(a, b) || a.name.localeCompare(b.name)),
    countries: [...byCountry]
      .map(([country, c]) => ({ country, ...text(c.sums), donors: c.donors, sectors: [...c.sectors].map(([code, sums]) => ({ code, ...text(sums) })).sort((a, b) => desc(a, b) || a.code.localeCompare(b.code)) }))
      .sort((a, b) => desc(a, b) || a.country.localeCompare(b.country)),
    rates: [...rates.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date)),
  };
}
