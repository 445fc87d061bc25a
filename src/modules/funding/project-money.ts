import type { Database } from '../../db/database.js';
import { formatDecimal } from '../../engine/fx/decimal.js';
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
