import { formatPlain, parseDecimal } from '../../engine/fx/decimal.js';
import type { NeedLinkRow, NeedRow } from './needs.repository.js';
import type { Need, NeedLink } from './needs.schema.js';

/** quantity − max(committed, delivered), never below 0 (a delivery usually fulfils a commitment; they are not added). */
function uncoveredOf(r: NeedRow): string {
  const committed = parseDecimal(r.quantity_committed);
  const delivered = parseDecimal(r.quantity_delivered);
  const rest = parseDecimal(r.quantity) - (committed > delivered ? committed : delivered);
  return formatPlain(rest > 0n ? rest : 0n);
}

/** Needs are partner-level data (DESIGN §5); the routes reading them are already scoped, so nothing more is cut here. */
export const presentNeed = (r: NeedRow): Need => ({
  id: r.id,
  facilityId: r.facility_id,
  category: r.category as Need['category'],
  specification: r.specification,
  quantity: r.quantity,
  unit: r.unit,
  priority: r.priority as Need['priority'],
  neededBy: r.needed_by,
  status: r.status as Need['status'],
  pledged: r.quantity_pledged,
  committed: r.quantity_committed,
  delivered: r.quantity_delivered,
  uncovered: uncoveredOf(r),
  approved: r.approved_at !== null,
  approvedAt: r.approved_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export const presentNeedLink = (r: NeedLinkRow): NeedLink => ({
  id: r.id,
  needId: r.need_id,
  sourceKind: r.source_kind,
  sourceId: r.source_id,
  stage: r.stage,
  quantity: r.quantity,
  createdAt: r.created_at,
});
