import type { Highs } from 'highs';
import type { PairSet } from './eligible-pairs.js';

/** The loaded `highs` runtime; passed in so the engine never loads WebAssembly itself. */
export type HighsModule = Highs;

/**
 * CPLEX LP-format text of DESIGN §6's model over the given pairs: binary x{p} per pair,
 * continuous 0 ≤ y{f} ≤ D_f; max Σ w_f y_f − Σ cost_p x_p; y_f ≤ Σ min(r_g, D_f) x_p;
 * Σ_f x ≤ 1 per generator; Σ_g x ≤ k per facility. `relaxed` drops integrality (the LP bound).
 */
export function buildLpModel(ps: PairSet, relaxed = false): string {
  const out: string[] = ['Maximize', ' obj:'];
  let line = '';
  const flush = (): void => { if (line) { out.push(line); line = ''; } };
  const term = (coef: number, name: string, first: boolean): void => {
    line += first ? ` ${fmt(coef)} ${name}` : coef < 0 ? ` - ${fmt(-coef)} ${name}` : ` + ${fmt(coef)} ${name}`;
    if (line.length > 200) flush();
  };
  let first = true;
  for (let f = 0; f < ps.nFac; f++) {
    if (ps.facStart[f + 1]! > ps.facStart[f]!) { term(ps.weight[f]!, `y${f}`, first); first = false; }
  }
  for (let p = 0; p < ps.pairGen.length; p++) { term(-ps.pairCost[p]!, `x${p}`, first); first = false; }
  if (first) line += ' 0 y0';
  flush();
  out.push('Subject To');
  for (let f = 0; f < ps.nFac; f++) {
    const s = ps.facStart[f]!, e = ps.facStart[f + 1]!;
    if (e === s) continue;
    line = ` c${f}: y${f}`;
    for (let p = s; p < e; p++) term(-ps.pairA[p]!, `x${p}`, false);
    line += ' <= 0'; flush();
    if (e - s > ps.k) {
      line = ` k${f}:`;
      for (let p = s; p < e; p++) term(1, `x${p}`, p === s);
      line += ` <= ${ps.k}`; flush();
    }
  }
  for (let g = 0; g < ps.nGen; g++) {
    const s = ps.genStart[g]!, e = ps.genStart[g + 1]!;
    if (e - s < 2) continue;
    line = ` g${g}:`;
    for (let i = s; i < e; i++) term(1, `x${ps.genPairs[i]!}`, i === s);
    line += ' <= 1'; flush();
  }
  out.push('Bounds');
  for (let f = 0; f < ps.nFac; f++) {
    if (ps.facStart[f + 1]! > ps.facStart[f]!) out.push(` 0 <= y${f} <= ${fmt(ps.deficit[f]!)}`);
  }
  if (relaxed) {
    for (let p = 0; p < ps.pairGen.length; p++) out.push(` 0 <= x${p} <= 1`);
  } else if (ps.pairGen.length > 0) {
    out.push('Binary');
    for (let p = 0; p < ps.pairGen.length; p += 20) {
      const names: string[] = [];
      for (let q = p; q < Math.min(ps.pairGen.length, p + 20); q++) names.push(`x${q}`);
      out.push(' ' + names.join(' '));
    }
  }
  out.push('End', '');
  return out.join('\n');
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(17).replace(/\.?0+$/, '').replace(/\.?0+e/, 'e');
}

export interface HighsRunOptions {
  readonly timeLimitSeconds: number;
  readonly relaxed?: boolean;
  /** Pair ids of a feasible plan to start the MIP from. */
  readonly start?: readonly number[];
  readonly shouldStop?: () => boolean;
  /**
   * Called at HiGHS's MIP checkpoints (a new incumbent, and its periodic interrupt check) with the incumbent's
   * objective and the proven bound; either is ±∞ or NaN while HiGHS has none.
   */
  readonly onCheckpoint?: (incumbent: number, dualBound: number) => void;
}

export interface HighsRunResult {
  readonly status: 'optimal' | 'time limit' | 'interrupted' | 'no solution' | 'error';
  /** Pair ids with x = 1 (MIP); for the LP relaxation, empty. */
  readonly pairs: number[];
  readonly objective: number;
  /** Proven bound: the MIP dual bound, or the LP optimum for the relaxation. */
  readonly upperBound: number;
}

/** Solves the model with HiGHS (blocking: call it from a worker thread). */
export function runHighs(highs: HighsModule, ps: PairSet, opts: HighsRunOptions): HighsRunResult {
  const lp = buildLpModel(ps, opts.relaxed ?? false);
  const { modelStatus: MS, callbackType: CB } = highs.constants;
  return highs.withModel((model): HighsRunResult => {
    model.readModel({ format: 'lp', data: lp });
    model.options.set({
      output_flag: false, time_limit: Math.max(0.01, opts.timeLimitSeconds),
      mip_rel_gap: 1e-7, mip_abs_gap: 1e-7,
    });
    const numCols = model.getDimensions().numCols;
    const colPair = new Int32Array(numCols).fill(-1);
    for (let j = 0; j < numCols; j++) {
      const name = model.getColName(j);
      if (name.startsWith('x')) colPair[j] = Number(name.slice(1));
    }
    if (!opts.relaxed && opts.start && opts.start.length > 0) {
      const byPair = new Map<number, number>();
      colPair.forEach((p, j) => { if (p >= 0) byPair.set(p, j); });
      const indices = opts.start.map((p) => byPair.get(p) ?? -1).filter((j) => j >= 0).sort((a, b) => a - b);
      try { model.setSolution({ indices, values: indices.map(() => 1) }); } catch { /* a start is only a hint */ }
    }
    const run = model.run({
      [CB.mipImprovingSolution]: (e) => {
        opts.onCheckpoint?.(e.data.objective_function_value ?? NaN, e.data.mip_dual_bound ?? NaN);
      },
      [CB.mipInterrupt]: (e) => {
        opts.onCheckpoint?.(e.data.mip_primal_bound ?? NaN, e.data.mip_dual_bound ?? NaN);
        if (opts.shouldStop?.()) e.interrupt();
      },
      [CB.simplexInterrupt]: (e) => { if (opts.shouldStop?.()) e.interrupt(); },
    });
    const st = run.modelStatus;
    const status: HighsRunResult['status'] = st === MS.optimal ? 'optimal' : st === MS.timeLimit ? 'time limit'
      : st === MS.interrupted ? 'interrupted' : st === MS.empty ? 'optimal' : 'error';
    if (st === MS.empty) return { status, pairs: [], objective: 0, upperBound: 0 };
    const primalOk = Number(model.info.get('primal_solution_status')) === 2;
    if (opts.relaxed) {
      // Only a proven LP optimum is a valid bound; anything else gives no bound.
      const ub = st === MS.optimal ? model.getObjectiveValue() : Infinity;
      return { status, pairs: [], objective: NaN, upperBound: ub };
    }
    const dual = Number(model.info.get('mip_dual_bound'));
    if (!primalOk) return { status: status === 'error' ? 'error' : 'no solution', pairs: [], objective: -Infinity, upperBound: dual };
    const x = model.getSolution().colValue;
    const pairs: number[] = [];
    for (let j = 0; j < numCols; j++) if (colPair[j]! >= 0 && x[j]! > 0.5) pairs.push(colPair[j]!);
    return { status, pairs, objective: model.getObjectiveValue(), upperBound: Number.isFinite(dual) ? dual : Infinity };
  });
}
