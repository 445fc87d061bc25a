import { benchSolver } from './solver.bench.js';

// `npx tsx bench/solver-main.ts`: the solver benchmark alone.
process.stdout.write(await benchSolver());
