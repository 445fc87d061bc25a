import type { Principal } from '../../context.js';
import { formatDecimal, formatPlain, multiply, parseDecimal, roundTo } from '../../engine/fx/decimal.js';
import { uncoveredOf } from './needs.life.js';
import type { NeedLinkRow, NeedTransitionRow } from './needs.repository.js';
import type { Need, NeedLink, NeedTransition } from './needs.schema.js';
import type { WarnedNeed } from './needs.service.js';

/** quantity × unit price, to the cent, in the estimate's own currency. */
export const estimateTotal = (quantity: string, unitPrice: string): string => formatDecimal(roundTo(multiply(parseDecimal(quantity), parseDecimal(unitPrice)), 2), 2);

/** Needs are partner-level data (DESIGN §5); the routes reading them are already scoped, so nothing more is cut here. */
export const presentNeed = (r: WarnedNeed, principal: Principal | null): Need => ({
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
  rejected: r.quantity_rejected,
  closedShort: r.quantity_closed,
  uncovered: formatPlain(uncoveredOf(r)),
  estimate:
    r.unit_price === null || r.price_currency === null || r.price_date === null ? null : { unitPrice: r.unit_price, currency: r.price_currency, date: r.price_date, total: estimateTotal(r.quantity, r.unit_price) },
  approved: r.approved_at !== null,
  approvedAt: r.approved_at,
  raisedByMe: principal !== null && r.raised_by === principal.userId,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
  ...(r.warning === undefined ? {} : { warning: r.warning }),
});

export const presentNeedLink = (r: NeedLinkRow): NeedLink => ({
  id: r.id,
  needId: r.need_id,
  sourceKind: r.source_kind,
  sourceId: r.source_id,
  stage: r.stage,
  quantity: r.quantity,
  sourceQuantity: r.source_quantity,
  sourceUnit: r.source_unit,
  createdAt: r.created_at,
});

export const presentTransition = (r: NeedTransitionRow): NeedTransition => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action as NeedTransition['action'],
  fromStatus: r.from_status as NeedTransition['fromStatus'],
  toStatus: r.to_status as NeedTransition['toStatus'],
  reason: r.reason,
  change: r.change === null ? null : (JSON.parse(r.change) as Record<string, unknown>),
});
