import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import type { DB } from '../../db/tables.js';
import { formatDecimal, parseDecimal } from '../../engine/fx/decimal.js';
import { deleteRollup, lockedRollups, upsertRollups, type RollupKey, type RollupRow } from './rollups.repository.js';

export type Stage = 'pledged' | 'committed' | 'disbursed' | 'spent' | 'received';
export const STAGES: readonly Stage[] = ['pledged', 'committed', 'disbursed', 'spent', 'received'];
/** One cent at the decimal scale of fx/decimal.ts (10^18). */
export const CENT = 10n ** 16n;

interface Delta extends RollupKey {
  cents: Record<Stage, bigint>;
  transactions: number;
  missing: number;
  projects: number;
}

const zero = (): Record<Stage, bigint> => ({ pledged: 0n, committed: 0n, disbursed: 0n, spent: 0n, received: 0n });
const cents = (text: string): bigint => parseDecimal(text) / CENT;
const money = (c: bigint): string => formatDecimal(c * CENT, 2);

/** Changes to roll-up rows, gathered in memory so a batch of transactions touches each row once. */
export class Deltas {
  readonly byKey = new Map<string, Delta>();

  private entry(k: RollupKey): Delta {
    const id = `${k.kind}\u0000${k.currency}\u0000${k.key}\u0000${k.sub}`;
    let d = this.byKey.get(id);
    if (d === undefined) {
      d = { ...k, cents: zero(), transactions: 0, missing: 0, projects: 0 };
      this.byKey.set(id, d);
    }
    return d;
  }

  /** One transaction's share: its amount in cents (null: not convertible, counted as missing) in one stage. */
  add(k: Omit<RollupKey, 'currency'>, share: { currency: string; stage: Stage; cents: bigint | null; sign: 1 | -1 }): void {
    const d = this.entry({ ...k, currency: share.currency });
    d.transactions += share.sign;
    if (share.cents === null) d.missing += share.sign;
    else d.cents[share.stage] += share.cents * BigInt(share.sign);
  }

  /** A whole row's figures (a project's, moved into an area). */
  addRow(k: Omit<RollupKey, 'currency'>, row: RollupRow, sign: 1 | -1): void {
    const d = this.entry({ ...k, currency: row.currency });
    for (const s of STAGES) d.cents[s] += cents(row[s]) * BigInt(sign);
    d.transactions += row.transactions * sign;
    d.missing += row.missing * sign;
  }

  addProjects(k: RollupKey, n: number): void {
    this.entry(k).projects += n;
  }
}

/**
 * Writes the deltas: each row read (locked on PostgreSQL) and written back with the sums moved, exactly in
 * cents; a row left with no transaction is deleted. A donor counts a project while a donor_project row exists, so
 * those rows go first and their appearing or vanishing moves the donor's project count.
 */
export async function applyDeltas(db: Kysely<DB>, kind: DatabaseKind, deltas: Deltas): Promise<void> {
  const groups = new Map<string, Delta[]>();
  for (const d of deltas.byKey.values()) {
    const g = `${d.kind}\u0000${d.currency}`;
    // Pushed, not copied: copying the group at each delta was quadratic (a 2,000-activity batch of the national demo).
    const group = groups.get(g);
    if (group === undefined) groups.set(g, [d]);
    else group.push(d);
  }
  // Donor projects first (they feed the donors' counts); then the rest in a fixed order, so writers lock alike.
  const order = [...groups.keys()].sort((a, b) => Number(b.startsWith('donor_project')) - Number(a.startsWith('donor_project')) || a.localeCompare(b));
  const donors = new Deltas();
  for (const g of order) {
    const list = groups.get(g) ?? [];
    const first = list[0];
    if (first === undefined) continue;
    if (first.kind === 'donor') for (const d of list) d.projects += donors.byKey.get(`donor\u0000${d.currency}\u0000${d.key}\u0000`)?.projects ?? 0;
    const rows = await lockedRollups(db, kind, first.kind, first.currency, [...new Set(list.map((d) => d.key))], list);
    const existing = new Map(rows.map((r) => [`${r.key}\u0000${r.sub}`, r]));
    const write: RollupRow[] = [];
    for (const d of list) {
      const was = existing.get(`${d.key}\u0000${d.sub}`);
      const row: RollupRow = { kind: d.kind, key: d.key, sub: d.sub, currency: d.currency, pledged: '', committed: '', disbursed: '', spent: '', received: '', transactions: (was?.transactions ?? 0) + d.transactions, missing: (was?.missing ?? 0) + d.missing, projects: (was?.projects ?? 0) + d.projects };
      for (const s of STAGES) row[s] = money((was === undefined ? 0n : cents(was[s])) + d.cents[s]);
      if (row.transactions < 0 || row.missing < 0 || row.projects < 0) throw new Error(`funding roll-up ${d.kind} ${d.key} ${d.sub} ${d.currency} would go below zero: the stored conversions and roll-ups disagree (run carebridge rebuild-rollups)`);
      if (first.kind === 'donor_project') {
        const had = (was?.transactions ?? 0) > 0;
        const has = row.transactions > 0;
        if (had !== has) donors.addProjects({ kind: 'donor', key: d.key, sub: '', currency: d.currency }, has ? 1 : -1);
      }
      if (row.transactions === 0) {
        if (was !== undefined) await deleteRollup(db, d);
      } else write.push(row);
    }
    await upsertRollups(db, write);
  }
}
