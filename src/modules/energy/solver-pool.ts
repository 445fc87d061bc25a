import { Worker } from 'node:worker_threads';
import type { AllocationPlan, AllocationProblem, SolveProgress } from '../../engine/allocation/allocation.types.js';
import { workerEntry } from '../../worker-entry.js';

/** Data handed to solver-worker.ts. */
export interface SolverWorkerData {
  readonly problem: AllocationProblem;
  readonly timeLimitSeconds?: number;
  /** One Int32 the parent sets to 1 to ask the solver to stop. */
  readonly stopBuffer: SharedArrayBuffer;
}

export type SolverWorkerMessage =
  | { readonly type: 'progress'; readonly progress: SolveProgress }
  | { readonly type: 'done'; readonly plan: AllocationPlan }
  | { readonly type: 'error'; readonly message: string };

export interface RunSolverOptions {
  readonly timeLimitSeconds?: number;
  readonly onProgress?: (p: SolveProgress) => void;
  /** Aborting asks the solver to stop, then ends the worker; the promise rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

/** How long a cancelled solve may take to notice the stop flag before its thread is killed. */
const CANCEL_GRACE_MS = 2000;

/** Solves the allocation problem in a fresh worker thread (ended afterwards) so the caller stays responsive. */
export function runSolverInWorker(problem: AllocationProblem, options: RunSolverOptions = {}): Promise<AllocationPlan> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError());
  const stopBuffer = new SharedArrayBuffer(4);
  const stopFlag = new Int32Array(stopBuffer);
  const data: SolverWorkerData = {
    problem, stopBuffer, ...(options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: options.timeLimitSeconds }),
  };
  const worker = new Worker(workerEntry('solver-worker', import.meta.url), { workerData: data });
  return new Promise<AllocationPlan>((resolve, reject) => {
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      void worker.terminate();
      fn();
    };
    const onAbort = (): void => {
      Atomics.store(stopFlag, 0, 1);
      killTimer = setTimeout(() => finish(() => reject(abortError())), CANCEL_GRACE_MS);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: SolverWorkerMessage) => {
      switch (m.type) {
        case 'progress': if (!signal?.aborted) options.onProgress?.(m.progress); break;
        case 'done': finish(() => (signal?.aborted ? reject(abortError()) : resolve(m.plan))); break;
        case 'error': finish(() => reject(new Error(`solver failed: ${m.message}`))); break;
      }
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`solver worker exited with code ${code}`))));
  });
}

function abortError(): Error {
  return new DOMException('The allocation solve was cancelled', 'AbortError');
}
