import { formatPlain, parseDecimal } from '../../engine/fx/decimal.js';
import type { NEED_STATUSES } from './needs.schema.js';
import type { NeedLinkStage, NeedsTable } from './needs.tables.js';

/**
 * A need's life (DESIGN §4 Needs): submitted → approved | rejected → partially_met → met, and from any open
 * state cancelled or closed short. Submitted, rejected, cancelled and closed are decisions people take;
 * approved, partially_met and met follow from what the need's links add up to. Pure rules, no I/O.
 */
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** States a need can still be edited, cancelled or closed in. */
export const OPEN_STATUSES: readonly string[] = ['submitted', 'approved', 'partially_met'];
/** States whose status follows from the links (a decision has approved the need and none has ended it). */
const DERIVED: readonly string[] = ['approved', 'partially_met', 'met'];

export const isOpen = (status: string): boolean => OPEN_STATUSES.includes(status);
/** Pledges, commitments and receipts are linked only to an approved need that is not met or ended. */
export const takesLinks = (status: string): boolean => status === 'approved' || status === 'partially_met';

export type LinkSums = Record<NeedLinkStage, bigint>;

export function sumsOf(links: readonly { stage: NeedLinkStage; quantity: string }[]): LinkSums {
  const sums: LinkSums = { pledged: 0n, committed: 0n, delivered: 0n, rejected: 0n };
  for (const l of links) sums[l.stage] += parseDecimal(l.quantity);
  return sums;
}

const positive = (v: bigint): bigint => (v > 0n ? v : 0n);

/**
 * Committed but neither delivered nor refused at receipt yet: what is still on its way. A delivery fulfils a
 * commitment and a rejection ends that part of it, so both come off; never below zero.
 */
export const outstandingOf = (s: Pick<LinkSums, 'committed' | 'delivered' | 'rejected'>): bigint => positive(s.committed - s.delivered - s.rejected);

type Figures = Pick<NeedsTable, 'status' | 'quantity' | 'quantity_committed' | 'quantity_delivered' | 'quantity_rejected'>;

const sumsOfRow = (r: Figures) => ({ committed: parseDecimal(r.quantity_committed), delivered: parseDecimal(r.quantity_delivered), rejected: parseDecimal(r.quantity_rejected) });

/**
 * The gap: quantity − delivered − (committed not yet delivered), at least 0, for a need still open; a need that
 * is met, closed short, cancelled or rejected counts nothing more. A short delivery shows: 198 of 200 delivered
 * with 2 rejected leaves 2 uncovered even though 200 were committed.
 */
export function uncoveredOf(r: Figures): bigint {
  if (!isOpen(r.status)) return 0n;
  const s = sumsOfRow(r);
  return positive(parseDecimal(r.quantity) - s.delivered - outstandingOf(s));
}

/** What the need still asks for once closed short: its quantity less the rest that will not come. */
export const requiredOf = (r: Pick<NeedsTable, 'quantity' | 'quantity_closed'>): bigint => parseDecimal(r.quantity) - parseDecimal(r.quantity_closed);

/** The status that follows from the sums: decisions stay; an approved need is met, partly met or just approved. */
export function statusAfter(status: string, quantity: string, sums: LinkSums): string {
  if (!DERIVED.includes(status)) return status;
  if (sums.delivered >= parseDecimal(quantity)) return 'met';
  return sums.delivered > 0n || outstandingOf(sums) > 0n ? 'partially_met' : 'approved';
}

export interface NeedRollUp {
  quantity_pledged: string;
  quantity_committed: string;
  quantity_delivered: string;
  quantity_rejected: string;
  quantity_closed: string;
  status: string;
}

/** What closing short leaves out: the rest not delivered (never below zero). */
export const restOf = (quantity: string, delivered: bigint): bigint => positive(parseDecimal(quantity) - delivered);

/**
 * Sums the links per stage (pledges apart: they never change the status) and derives the status. A need closed
 * short leaves out whatever has not been delivered, so a delivery unlinked after closing grows that rest.
 */
export function rollUpOf(need: Pick<NeedsTable, 'quantity' | 'status' | 'quantity_closed'>, links: readonly { stage: NeedLinkStage; quantity: string }[]): NeedRollUp {
  const sums = sumsOf(links);
  return {
    quantity_pledged: formatPlain(sums.pledged),
    quantity_committed: formatPlain(sums.committed),
    quantity_delivered: formatPlain(sums.delivered),
    quantity_rejected: formatPlain(sums.rejected),
    quantity_closed: need.status === 'closed' ? formatPlain(restOf(need.quantity, sums.delivered)) : need.quantity_closed,
    status: statusAfter(need.status, need.quantity, sums),
  };
}

/** The decisions people take, each from the states it may start in. */
export const DECISIONS = {
  approve: { from: ['submitted'], to: 'approved', reason: false },
  reject: { from: ['submitted'], to: 'rejected', reason: true },
  cancel: { from: OPEN_STATUSES, to: 'cancelled', reason: true },
  close: { from: OPEN_STATUSES, to: 'closed', reason: true },
} as const satisfies Record<string, { from: readonly string[]; to: NeedStatus; reason: boolean }>;
export type Decision = keyof typeof DECISIONS;

const DONE: Record<Decision, string> = { approve: 'approved', reject: 'rejected', cancel: 'cancelled', close: 'closed' };

/** The sentence for a decision the need's state does not allow. */
export function decisionRefusal(decision: Decision, status: string): string | undefined {
  if ((DECISIONS[decision].from as readonly string[]).includes(status)) return undefined;
  const allowed = DECISIONS[decision].from.join(' or ').replace(/_/g, ' ');
  return `A need that is ${status.replace(/_/g, ' ')} cannot be ${DONE[decision]}; only one that is ${allowed}.`;
}
