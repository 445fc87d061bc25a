import type { Kysely } from 'kysely';
import { cheapReaderOf, type Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { formatDecimal, parseDecimal } from '../../engine/fx/decimal.js';
import { invalid, notFound, type FieldError } from '../../errors.js';
import { rateUsed } from './fx.service.js';
import type { DonorTotals } from './donors.schema.js';
import { STAGES, type Stage } from './rollups.deltas.js';
import { donorOrganizations, missingAmounts, ratesOn, rateUse, rollupsOf, type RollupRow } from './rollups.repository.js';

type Sums = Record<Stage, bigint>;
const zero = (): Sums => ({ pledged: 0n, committed: 0n, disbursed: 0n, spent: 0n, received: 0n });
const sumsOf = (r: RollupRow): Sums => ({ pledged: parseDecimal(r.pledged), committed: parseDecimal(r.committed), disbursed: parseDecimal(r.disbursed), spent: parseDecimal(r.spent), received: parseDecimal(r.received) });
const add = (into: Sums, from: Sums) => {
  for (const stage of STAGES) into[stage] += from[stage];
};
const text = (s: Sums) => ({ pledged: money(s.pledged), committed: money(s.committed), disbursed: money(s.disbursed), spent: money(s.spent), received: money(s.received) });
const money = (v: bigint) => formatDecimal(v, 2);

/**
 * Totals by donor (the transaction's provider) in one reporting currency, read from the roll-ups every write
 * keeps (rollups.service.ts): each transaction converted at its value date's rate (or the nearest earlier one)
 * and rounded to cents when written; every total is the exact sum of those parts, so a donor's figure equals the
 * sum over its transactions and a country's equals the sum over its donors; a country's sector figures (each
 * part split by its project's sector percentages, in whole cents) add up to the country's figure. A missing rate
 * refuses the whole answer (never 1:1). Reads a row per donor, per donor and sector, and per rate used, and the
 * donors' organisations: a few indexed reads, so never on SQLite's read workers (cheapReaderOf says why).
 */
export async function donorTotals(database: Database, currency: string): Promise<DonorTotals> {
  const db = cheapReaderOf(database);
  // Four reads at once: on PostgreSQL each is a round trip on its own pooled connection.
  const [allDonors, sectorRows, rates, organizations] = await Promise.all([rollupsOf(db, 'donor', currency), rollupsOf(db, 'donor_sector', currency), ratesUsed(db, currency), donorOrganizations(db, currency)]);
  const donorRows = allDonors.filter((r) => r.transactions > 0);
  if (donorRows.some((r) => r.missing > 0)) {
    const missing = new Map<string, FieldError>();
    for (const m of await missingAmounts(db, currency, null, 5000)) {
      const key = `${m.missing_currency}|${m.value_date}`;
      if (!missing.has(key) && missing.size < 50) missing.set(key, { path: '/currency', message: `transaction ${m.id}: no ${m.missing_currency} rate on or before ${m.value_date}; import the rate (carebridge import fx)` });
    }
    throw invalid([...missing.values()]);
  }
  const bySector = new Map<string, [string, Sums][]>();
  for (const r of sectorRows) if (r.transactions > 0) bySector.set(r.key, [...(bySector.get(r.key) ?? []), [r.sub, sumsOf(r)]]);
  const orgOf = new Map(organizations.map((o) => [o.id, o]));
  const donors: DonorTotals['donors'] = [];
  const byCountry = new Map<string, { sums: Sums; donors: number; sectors: Map<string, Sums> }>();
  for (const r of donorRows) {
    const org = orgOf.get(r.key);
    // Organisations are never deleted and a transaction's provider must exist: only a damaged database lacks one.
    if (org === undefined) throw notFound('organisation', r.key);
    const sums = sumsOf(r);
    donors.push({ organizationId: r.key, name: org.name_en, nameUk: org.name_uk, nameJa: org.name_ja, country: org.country, ...text(sums), projects: r.projects, transactions: r.transactions });
    const country = byCountry.get(org.country ?? '') ?? { sums: zero(), donors: 0, sectors: new Map<string, Sums>() };
    add(country.sums, sums);
    for (const [code, part] of bySector.get(r.key) ?? []) {
      const into = country.sectors.get(code) ?? zero();
      add(into, part);
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
    rates,
  };
}

/** Every rate that converted a donor's transaction into `currency`, with how many, aged by the latest value date it served. */
async function ratesUsed(db: Kysely<DB>, currency: string): Promise<DonorTotals['rates']> {
  const used = new Map<string, { currency: string; date: string; transactions: number; latest: string }>();
  // One row per rate, summed in the database over the value dates it served.
  for (const r of await rateUse(db, currency)) {
    const [of = '', date = ''] = r.key.split('|');
    used.set(r.key, { currency: of, date, transactions: r.transactions, latest: r.latest });
  }
  const out: DonorTotals['rates'] = [];
  for (const of of new Set([...used.values()].map((u) => u.currency))) {
    const mine = [...used.values()].filter((u) => u.currency === of);
    const stored = new Map((await ratesOn(db, of, mine.map((u) => u.date))).map((r) => [r.rate_date, r]));
    for (const u of mine) {
      const rate = stored.get(u.date);
      if (rate !== undefined) out.push({ ...rateUsed(of, rate.rate_per_usd, u.date, rate.source, u.latest), transactions: u.transactions });
    }
  }
  return out.sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date));
}
