import { databaseStats, type DatabaseStats } from '../db/stats.repository.js';
import { defineCommand } from './command.js';

const mib = (bytes: number): string => (bytes / 1_048_576).toFixed(1);

/** The table `carebridge stats` prints: each table's rows, size in MiB and share of the database, largest first. */
export function statsText(stats: DatabaseStats): string {
  const width = Math.max(5, ...stats.tables.map((t) => t.table.length));
  const lines = [`${'table'.padEnd(width)}  ${'rows'.padStart(12)}  ${'MiB'.padStart(10)}  ${'share'.padStart(6)}`];
  for (const t of stats.tables) {
    const share = stats.totalBytes === 0 ? 0 : (t.bytes / stats.totalBytes) * 100;
    lines.push(`${t.table.padEnd(width)}  ${String(t.rows).padStart(12)}  ${mib(t.bytes).padStart(10)}  ${`${share.toFixed(1)}%`.padStart(6)}`);
  }
  const rows = stats.tables.reduce((n, t) => n + t.rows, 0);
  const tables = stats.tables.reduce((n, t) => n + t.bytes, 0);
  lines.push(`${'all tables'.padEnd(width)}  ${String(rows).padStart(12)}  ${mib(tables).padStart(10)}`);
  lines.push(`Database (${stats.kind}) takes ${mib(stats.totalBytes)} MiB in all, free space included; measured with ${stats.method}.`);
  return `${lines.join('\n')}\n`;
}

export const statsCommand = defineCommand({
  name: ['stats'],
  summary: "the database's size and rows per table, largest first",
  description: "each table's rows and size with its indexes, largest first, and the database's whole size (docs/operations.md, Size and scale)",
  handler: async (_args, { open, stdout }) => {
    stdout.write(statsText(await databaseStats((await open()).database)));
    return 0;
  },
});
