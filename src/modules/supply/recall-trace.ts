/**
 * What a recall needs to know about each place a lot went (issue 17 item 6): what is still there, what was
 * given to patients (consumed: gone, to be followed up with the patients' records), what was sent on to other
 * locations (retrievable: follow it there, it has its own row), what was written off, and what counts corrected.
 * Pure: the repository gives the ledger with reversals already turned back into negative original moves.
 */
export interface TraceMove {
  kind: string;
  /** Negative for a reversal of a move of this kind. */
  quantity: number;
  from: string | null;
  to: string | null;
}

export interface TraceFigures {
  /** Came in: received from a shipment, or dispatched or transferred here from another location. */
  received: number;
  /** Given to patients. */
  consumed: number;
  /** Dispatched or transferred to another location, where the trace follows it. */
  sentOn: number;
  /** Expired or damaged, written off. */
  writtenOff: number;
  /** Net correction by physical counts (positive: found more than the ledger said). */
  counted: number;
}

const EMPTY: TraceFigures = { received: 0, consumed: 0, sentOn: 0, writtenOff: 0, counted: 0 };

/** Which figure a move changes at the location it leaves and at the one it reaches. */
const OUT: Record<string, keyof TraceFigures | undefined> = { dispatch: 'sentOn', transfer: 'sentOn', consumption: 'consumed', expiry_write_off: 'writtenOff', damage: 'writtenOff' };
const IN: Record<string, keyof TraceFigures | undefined> = { receipt: 'received', dispatch: 'received', transfer: 'received' };

/** Per location: onHand = received − consumed − sentOn − writtenOff + counted, as the ledger has it. */
export function traceFigures(moves: readonly TraceMove[]): Map<string, TraceFigures> {
  const out = new Map<string, TraceFigures>();
  const add = (location: string, figure: keyof TraceFigures, quantity: number) => {
    const f = out.get(location) ?? { ...EMPTY };
    f[figure] += quantity;
    out.set(location, f);
  };
  for (const m of moves) {
    if (m.kind === 'count_adjustment') {
      if (m.from !== null) add(m.from, 'counted', -m.quantity);
      if (m.to !== null) add(m.to, 'counted', m.quantity);
      continue;
    }
    const leaving = OUT[m.kind];
    const reaching = IN[m.kind];
    if (m.from !== null && leaving !== undefined) add(m.from, leaving, m.quantity);
    if (m.to !== null && reaching !== undefined) add(m.to, reaching, m.quantity);
  }
  return out;
}

export const noFigures = (): TraceFigures => ({ ...EMPTY });
