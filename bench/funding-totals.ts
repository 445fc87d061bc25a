import { sql } from 'kysely';
import type { Database } from '../src/db/database.js';
import { donorTotals } from '../src/modules/funding/donors.service.js';
import { rebuildRollups } from '../src/modules/funding/rollups.service.js';
import { projectTotals } from '../src/modules/funding/transactions.service.js';

export interface TotalsTimings {
  donorsMedianMs: number;
  donorsMaxMs: number;
  donors: number;
  projectMedianMs: number;
  rebuildSeconds: number;
  /** PostgreSQL: each hot query's plan, to show no sequential scan of a large table. */
  plans: { query: string; plan: string }[];
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/** The hot funding reads on PostgreSQL, explained (the plan's node types: an index or a scan of a small table). */
async function plans(database: Database, projectId: string): Promise<{ query: string; plan: string }[]> {
  const explain = async (query: string, statement: ReturnType<typeof sql>) => {
    const rows = (await sql<{ 'QUERY PLAN': string }>`explain ${statement}`.execute(database.db)).rows.map((r) => r['QUERY PLAN']);
    const nodes = rows.map((l) => /(Index Only Scan|Index Scan|Bitmap Index Scan|Bitmap Heap Scan|Seq Scan)( using \w+)? on (\w+)/.exec(l)).flatMap((m) => (m === null ? [] : [`${m[1] ?? ''}${m[2] ?? ''} on ${m[3] ?? ''}`]));
    return { query, plan: [...new Set(nodes)].join('; ') };
  };
  return [
    await explain('donor roll-ups in USD', sql`select * from funding_rollups where kind = 'donor' and currency = 'USD'`),
    await explain('donor-sector roll-ups in USD', sql`select * from funding_rollups where kind = 'donor_sector' and currency = 'USD'`),
    await explain("a project's stored conversions (its totals page)", sql`select * from transactions t left join transaction_amounts a on a.transaction_id = t.id and a.currency = 'USD' where t.project_id = ${projectId} order by t.id`),
    await explain('transactions a new rate governs (reconversion)', sql`select id from transactions where currency = 'EUR' and value_date >= '2024-03-01' and value_date < '2024-03-02'`),
    await explain('missing conversions (a refusal)', sql`select transaction_id from transaction_amounts where currency = 'USD' and missing_currency is not null`),
  ];
}

/** Donor totals and project totals read from the roll-ups (warm, median of runs), the full rebuild, and on PostgreSQL the plans. */
export async function totalsTimings(database: Database): Promise<TotalsTimings> {
  if (database.kind === 'postgres') await sql`analyze`.execute(database.db);
  await donorTotals(database, 'USD');
  const donorRuns: number[] = [];
  let donors = 0;
  for (let i = 0; i < 21; i += 1) donorRuns.push(await timed(async () => (donors = (await donorTotals(database, 'USD')).donors.length)));
  const ids = (await database.db.selectFrom('projects').select('id').orderBy('id').execute()).map((r) => r.id);
  const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 200)) === 0);
  const projectRuns: number[] = [];
  for (const id of sample) projectRuns.push(await timed(() => projectTotals(database, id, 'EUR')));
  const t0 = performance.now();
  await database.db.transaction().execute((trx) => rebuildRollups(trx, database.kind));
  const rebuildSeconds = (performance.now() - t0) / 1000;
  return {
    donorsMedianMs: median(donorRuns),
    donorsMaxMs: Math.max(...donorRuns),
    donors,
    projectMedianMs: median(projectRuns),
    rebuildSeconds,
    plans: database.kind === 'postgres' ? await plans(database, sample[0] ?? '') : [],
  };
}
