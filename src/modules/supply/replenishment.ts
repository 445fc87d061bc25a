import { addDays } from '../../dates.js';

/**
 * Replenishment of one product at one facility from its ledger (issue 17 item 8), as OpenLMIS and mSupply
 * compute it. Pure: the service gives the moves and balances.
 *
 * - The window is the 90 full days before `asOf` (3 months of 30 days; today, still under way, is left out).
 * - A **stock-out day** is a day of the window that starts and ends with nothing on hand and sees no
 *   consumption (stock that came and went the same day was in stock).
 * - **Average monthly consumption** (AMC) = units given to patients in the window (reversed consumptions taken
 *   back; losses and transfers are not consumption) × 30 / days in stock. Days out of stock are excluded, or a
 *   stock-out would make demand look low and the order too small. Unknown (null) if every day was a stock-out.
 * - **Months of stock** = on hand / AMC (null when AMC is unknown or 0).
 * - **Suggested order** = max(0, ⌈maxMonths × AMC − on hand − on order⌉): up to the maximum, counting what is
 *   already on its way. **Below minimum** when months of stock < minMonths.
 */
export const WINDOW_DAYS = 90;
const DAYS_PER_MONTH = 30;

export interface LedgerDay {
  day: string;
  /** Net change of the balance at the location on that day. */
  delta: number;
  /** Units consumed at the location that day (negative for a reversed consumption). */
  consumed: number;
}

export interface ReplenishmentInput {
  asOf: string;
  /** Balance at the end of `asOf` (the current balance minus any later moves). */
  onHand: number;
  onOrder: number;
  /** Every move of the product at the location from the window's first day to `asOf`, by day. */
  days: readonly LedgerDay[];
  maxMonths: number;
  minMonths: number;
}

export interface ReplenishmentFigures {
  from: string;
  to: string;
  consumed: number;
  stockOutDays: number;
  averageMonthlyConsumption: number | null;
  monthsOfStock: number | null;
  suggestedQuantity: number;
  belowMinimum: boolean;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export function replenishmentOf(input: ReplenishmentInput): ReplenishmentFigures {
  const from = addDays(input.asOf, -WINDOW_DAYS);
  const to = addDays(input.asOf, -1);
  const byDay = new Map<string, { delta: number; consumed: number }>();
  for (const d of input.days) {
    const e = byDay.get(d.day) ?? { delta: 0, consumed: 0 };
    e.delta += d.delta;
    e.consumed += d.consumed;
    byDay.set(d.day, e);
  }
  // Walk back from the end of asOf: the balance at the end of each day is the next day's end minus its change.
  let endOfDay = input.onHand - (byDay.get(input.asOf)?.delta ?? 0);
  let consumed = 0;
  let stockOutDays = 0;
  for (let day = to; day >= from; day = addDays(day, -1)) {
    const e = byDay.get(day) ?? { delta: 0, consumed: 0 };
    const startOfDay = endOfDay - e.delta;
    consumed += e.consumed;
    if (startOfDay <= 0 && endOfDay <= 0 && e.consumed <= 0) stockOutDays++;
    endOfDay = startOfDay;
  }
  const daysInStock = WINDOW_DAYS - stockOutDays;
  const amc = daysInStock === 0 ? null : (Math.max(0, consumed) * DAYS_PER_MONTH) / daysInStock;
  const months = amc === null || amc === 0 ? null : input.onHand / amc;
  // AMC is a float: 3 × 15 − 5 may come out as 40.000000000001, which must not round up to 41.
  const EPSILON = 1e-9;
  return {
    from,
    to,
    consumed,
    stockOutDays,
    averageMonthlyConsumption: amc === null ? null : round2(amc),
    monthsOfStock: months === null ? null : round2(months),
    suggestedQuantity: amc === null ? 0 : Math.max(0, Math.ceil(input.maxMonths * amc - input.onHand - input.onOrder - EPSILON)),
    belowMinimum: months !== null && months < input.minMonths,
  };
}
