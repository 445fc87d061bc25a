import fs from 'node:fs';
import os from 'node:os';

/**
 * `npm run bench [name]`: every figure against a baseline measured in the same run,
 * written to docs/benchmarks.md with the machine it ran on. A named run replaces
 * only its own section, so one capability's figures can be refreshed alone.
 */
const BENCHES: Record<string, () => Promise<string>> = {
  facilities: async () => (await import('./facilities.bench.js')).benchFacilities(),
  solver: async () => (await import('./solver.bench.js')).benchSolver(),
  monitoring: async () => (await import('./monitoring.bench.js')).benchMonitoring(),
  funding: async () => (await import('./funding.bench.js')).benchFunding(),
  supply: async () => (await import('./supply.bench.js')).benchSupply(),
  durability: async () => (await import('./durability.bench.js')).benchDurability(),
  recovery: async () => (await import('./recovery.bench.js')).benchRecovery(),
  web: async () => (await import('./web.bench.js')).benchWeb(),
};

const only = process.argv[2];
if (only !== undefined && !(only in BENCHES)) throw new Error(`Unknown benchmark "${only}": ${Object.keys(BENCHES).join(', ')}`);
const FILE = 'docs/benchmarks.md';
const marker = (name: string, end = false) => `<!-- ${end ? '/' : ''}bench:${name} -->`;
/** The other sections as the file holds them when this run ends (another run may have refreshed one meanwhile). */
const kept = (previous: string, name: string): string | undefined => {
  const from = previous.indexOf(marker(name));
  const to = previous.indexOf(marker(name, true));
  return from >= 0 && to > from ? previous.slice(from, to + marker(name, true).length) : undefined;
};

const fresh = new Map<string, string>();
for (const [name, run] of Object.entries(BENCHES)) {
  if (only === undefined || only === name) fresh.set(name, `${marker(name)}\n${(await run()).trim()}\n\n_Run: \`npm run bench ${name}\` on ${new Date().toISOString().slice(0, 10)}._\n${marker(name, true)}`);
}
const previous = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '';
const sections = Object.keys(BENCHES).flatMap((name) => fresh.get(name) ?? kept(previous, name) ?? []);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmarks',
  '',
  `Produced by \`npm run bench\` (all) or \`npm run bench NAME\` (one section) on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Each figure is a ratio to a baseline measured in the same run, so runs on different machines compare.`,
  '',
].join('\n');
fs.writeFileSync(FILE, `${header}\n${sections.join('\n\n')}\n`);
process.stdout.write(sections.join('\n\n'));
