/**
 * Worker-thread entry that runs one allocation solve and exits. HiGHS blocks its thread and its
 * WebAssembly memory never shrinks, so each solve gets a fresh worker that ends afterwards.
 */
import { parentPort, workerData } from 'node:worker_threads';
import highsDefault from 'highs';
import type { HighsModule } from '../../engine/allocation/highs-model.js';
import { solveAllocation } from '../../engine/allocation/solve.js';
import type { SolverWorkerData, SolverWorkerMessage } from './solver-pool.js';

const port = parentPort;
if (!port) throw new Error('solver-worker.ts must run in a worker thread');
const data = workerData as SolverWorkerData;
// Node loads the package's ESM build, whose default export is the loader; TypeScript reads its one
// .d.ts as CommonJS under NodeNext and types the default import as the module object, hence the cast.
const highsLoader = highsDefault as unknown as () => Promise<HighsModule>;
// Set to 1 by the parent to cancel; polled by the solver (and by HiGHS's interrupt callback).
const stopFlag = new Int32Array(data.stopBuffer);
const post = (m: SolverWorkerMessage): void => port.postMessage(m);

try {
  const highs = await highsLoader();
  const plan = solveAllocation(data.problem, {
    highs,
    ...(data.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: data.timeLimitSeconds }),
    shouldStop: () => Atomics.load(stopFlag, 0) === 1,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'done', plan });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
