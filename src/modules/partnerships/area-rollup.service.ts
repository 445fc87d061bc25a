import type { Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { sumAmounts } from '../../engine/fx/convert.js';
import { invalid } from '../../errors.js';
import { areaMoney } from '../funding/project-money.js';
import { agreementsWithArea } from './agreements.repository.js';
import { presentAgreements } from './agreements.presenter.js';
import { areaProblem } from './agreements.service.js';
import type { AreaFollowThrough, AreaRollup, Money } from './follow-through.schema.js';
import { followThroughOf } from './follow-through.service.js';
import { partnerScope } from './partnerships.access.js';
import type { PriorityArea } from './partnerships.schema.js';

/** Bound of one roll-up; a ministry has tens of agreements, not thousands. */
const MAX_AGREEMENTS = 200;

/**
 * One priority area across agreements: each agreement's own follow-through of
 * the area, and money over the distinct projects linked to it (a project linked
 * under two agreements counts once). Deliveries stay per agreement, because two
 * agreements with the same partner would otherwise count the same generator twice.
 */
export async function areaRollup(database: Database, principal: Principal | null, area: string, currency: string): Promise<AreaRollup> {
  const problems = areaProblem(area, '/area');
  if (problems.length > 0) throw invalid(problems);
  const scope = partnerScope(principal);
  const rows = await agreementsWithArea(database.db, scope, area, MAX_AGREEMENTS);
  const agreements = await presentAgreements(database.db, rows);
  const perAgreement = new Map<string, AreaFollowThrough>();
  const money = new Map<string, Money>();
  for (const row of rows) {
    const result = await followThroughOf(database, row, currency);
    const mine = result.areas.find((a) => a.area === area);
    if (mine !== undefined) perAgreement.set(row.id, mine);
    for (const p of result.projects) if (p.areas.includes(area as PriorityArea)) money.set(p.id, p.money);
  }
  const all = [...money.values()];
  // A caller who sees every agreement (and all of them fit in one answer) gets the area's kept roll-up: the same
  // distinct projects, summed as each link and transaction was written.
  const whole = scope === null && rows.length < MAX_AGREEMENTS;
  return {
    area: area as PriorityArea,
    currency,
    money: whole ? await areaMoney(database, area, currency) : { pledged: sumAmounts(all.map((m) => m.pledged)), committed: sumAmounts(all.map((m) => m.committed)), disbursed: sumAmounts(all.map((m) => m.disbursed)) },
    projectCount: money.size,
    agreements: agreements.flatMap((agreement) => {
      const followThrough = perAgreement.get(agreement.id);
      return followThrough === undefined ? [] : [{ agreement, followThrough }];
    }),
  };
}
