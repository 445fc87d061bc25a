import { DEMO_PASSWORD, DEMO_SCALES, loadDemo, type DemoScale, type DemoSummary } from '../demo/demo.js';
import { countFacilityRecords } from '../modules/facilities/facilities.service.js';
import type { DemoProgress } from '../demo/demo-progress.js';
import { defineCommand } from './command.js';
import { progressReporter } from './progress.js';

function demoAccountsText(summary: DemoSummary): string {
  const lines = summary.accounts.map((a) => `  ${a.role.padEnd(18)} ${a.email.padEnd(34)} ${a.scope}`);
  return `\nDemo accounts (password for all: ${DEMO_PASSWORD}):\n${lines.join('\n')}\n`;
}

export const serveCommand = defineCommand({
  name: ['serve'],
  summary: 'migrate, optionally load demo data into an empty database, serve HTTP',
  description: 'migrate, optionally load the small demo into an empty database, serve HTTP',
  options: { 'demo-if-empty': { type: 'boolean', help: 'load the small demo data set first when the database has no facilities' } },
  keepsRunning: true,
  handler: async (args, { open, stdout }) => {
    const { config, database } = await open();
    if (args['demo-if-empty'] && (await countFacilityRecords(database)) === 0) {
      stdout.write('Empty database: loading demo data (small scale)...\n');
      const summary = await loadDemo(database, { scale: 'small', seed: 1 });
      stdout.write(`Demo data loaded: ${summary.facilities} facilities, ${summary.organizations} organisations.\n`);
      stdout.write(demoAccountsText(summary));
    }
    // Loaded here: the server's packages (Fastify and its plugins) cost every other command a second at start.
    const { buildApp } = await import('../http/app.js');
    const app = await buildApp({ config, database });
    await app.listen({ port: config.port, host: config.host });
    const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
    stdout.write(`\nCarebridge is running: open http://${shown}:${config.port}/  (API docs: /api/docs)\n`);
    const stop = () => void app.close().then(() => database.close());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
  },
});

export const migrateCommand = defineCommand({
  name: ['migrate'],
  summary: 'bring the database schema up to date',
  description: 'bring the schema up to date',
  handler: async (_args, { open, stdout }) => {
    // Opening migrates.
    const { config } = await open();
    stdout.write(`Database is up to date (${config.databaseKind}).\n`);
    return 0;
  },
});

export const demoCommand = defineCommand({
  name: ['demo'],
  summary: 'load the deterministic demo data set into an empty database',
  description:
    "load the deterministic demo (1,500 or 30,000 facilities, the Ministry, Japan's government, JICA `XM-DAC-701-8`, the Embassy of Japan, WHO, NGOs, 27 regional health departments) into an empty database",
  options: {
    scale: { type: 'string', choices: Object.keys(DEMO_SCALES) as DemoScale[], default: 'small', help: `how many facilities: ${Object.entries(DEMO_SCALES).map(([scale, n]) => `${scale} ${n}`).join(', ')}` },
    seed: { type: 'integer', value: 'N', default: 1, help: 'the random seed: the same seed gives the same data' },
  },
  handler: async (args, { open, stdout, stderr }) => {
    const { database } = await open();
    const started = Date.now();
    const summary = await loadDemo(database, { scale: args.scale, seed: args.seed, progress: demoProgress(stderr) });
    stdout.write(`Demo data loaded: ${summary.facilities} facilities, ${summary.organizations} organisations in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    stdout.write(demoAccountsText(summary));
    return 0;
  },
});

/** A bar per capability on stderr (progress.ts), each ending with its time; a capability without a count gets one line when done. */
function demoProgress(stderr: NodeJS.WriteStream): DemoProgress {
  return (capability, total) => {
    const started = Date.now();
    const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    if (total === undefined) return { update: () => undefined, done: () => {
          stderr.write(`${capability}: ${seconds()}\n`);
        } };
    const bar = progressReporter(stderr, capability, total);
    return { update: (n) => bar.update(n), done: (n) => bar.done(n, seconds()) };
  };
}
