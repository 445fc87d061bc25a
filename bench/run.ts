import fs from 'node:fs';
import os from 'node:os';
import { benchFacilities } from './facilities.bench.js';

/**
 * `npm run bench`: every figure against a baseline measured in the same run,
 * written to docs/benchmarks.md with the machine it ran on.
 */
const sections: string[] = [];
const only = process.argv[2];
if (only === undefined || only === 'facilities') sections.push(await benchFacilities());
if (only === undefined || only === 'solver') {
  const { benchSolver } = await import('./solver.bench.js');
  sections.push(await benchSolver());
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmarks',
  '',
  `Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Each figure is a ratio to a baseline measured in the same run, so runs on different machines compare.`,
  '',
].join('\n');
const text = `${header}\n${sections.join('\n')}`;
if (only === undefined) fs.writeFileSync('docs/benchmarks.md', text);
process.stdout.write(text);
