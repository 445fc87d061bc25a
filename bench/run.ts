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
  load: async () => (await import('./load-mix.bench.js')).benchLoad(),
};

const only = process.argv[2];
if (only !== undefined && !(only in BENCHES)) throw new Error(`Unknown benchmark "${only}": ${Object.keys(BENCHES).join(', ')}`);
const FILE = 'docs/benchmarks.md';
const marker = (name: string, end = false) => `<!-- ${end ? '/' : ''}bench:${name} -->`;
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const HEADER = '# Benchmarks\n\nProduced by `npm run bench` (all) or `npm run bench NAME` (one section). Each figure is a ratio to a baseline measured in the same run, so runs on different machines compare.\n';

const fresh = new Map<string, string>();
for (const [name, run] of Object.entries(BENCHES)) {
  if (only === undefined || only === name) fresh.set(name, `${marker(name)}\n${(await run()).trim()}\n\n_Run: \`npm run bench ${name}\` on ${new Date().toISOString().slice(0, 10)}, ${machine}._\n${marker(name, true)}`);
}
// Each section is replaced where it stands, read afresh at the end (another run may have refreshed one meanwhile);
// text outside the markers (the header, sections written by hand) is kept as it is.
let text = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : HEADER;
for (const [name, section] of fresh) {
  const from = text.indexOf(marker(name));
  const to = text.indexOf(marker(name, true));
  text = from >= 0 && to > from ? `${text.slice(0, from)}${section}${text.slice(to + marker(name, true).length)}` : `${text.trimEnd()}\n\n${section}\n`;
}
fs.writeFileSync(FILE, text);
process.stdout.write([...fresh.values()].join('\n\n'));
