import type { Database } from '../../db/database.js';
import { formatDecimal } from '../../engine/fx/decimal.js';
import { invalid } from '../../errors.js';
import { rollupsOf } from './rollups.repository.js';
import { projectTotals } from './transactions.service.js';

export interface ProjectMoney {
  pledged: string;
  committed: string;
  disbursed: string;
}

const NONE: ProjectMoney = { pledged: formatDecimal(0n, 2), committed: formatDecimal(0n, 2), disbursed: formatDecimal(0n, 2) };

/**
 * Pledged, committed and disbursed of each project in one currency, from the project roll-ups (one row each;
 * the same figures as the project's own totals page). A project with a transaction whose rate is missing is
 * refused as its totals page refuses it, naming the transaction and the rate.
 */
export async function projectMoney(database: Database, projectIds: readonly string[], currency: string): Promise<Map<string, ProjectMoney>> {
  const rows = await rollupsOf(database.db, 'project', currency, projectIds);
  for (const r of rows) if (r.missing > 0) await projectTotals(database, r.key, currency);
  const byId = new Map(rows.filter((r) => r.transactions > 0).map((r) => [r.key, { pledged: r.pledged, committed: r.committed, disbursed: r.disbursed }]));
  return new Map(projectIds.map((id) => [id, byId.get(id) ?? NONE]));
}

/**
 * Pledged, committed and disbursed over the distinct projects linked to a priority area under any agreement, from
 * the area roll-up (kept by project links and transaction writes); a missing rate refuses as the projects' pages do.
 */
export async function areaMoney(database: Database, area: string, currency: string): Promise<ProjectMoney> {
  const [row] = await rollupsOf(database.db, 'area', currency, [area]);
  if (row === undefined || row.transactions === 0) return NONE;
  if (row.missing > 0) throw invalid([{ path: '/currency', message: `a project linked to ${area} has a transaction with no ${currency} conversion; import the rate (carebridge import fx)` }]);
  return { pledged: row.pledged, committed: row.committed, disbursed: row.disbursed };
}
