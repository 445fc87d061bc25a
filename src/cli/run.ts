import { systemContext } from '../context.js';
import type { CliContext, OpenedDatabase } from './command.js';
import { openConfigured } from './open-database.js';
import { parseCommandLine } from './parse.js';
import { COMMANDS } from './registry.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * Runs one command line: help, or the command it names with the database opened on demand (a backup must not
 * migrate the live database, a restore must find it untouched) and closed after it unless it keeps running.
 * Returns the exit code, and whether the process stays up serving.
 */
export async function runCommandLine(argv: readonly string[]): Promise<{ code: number; running: boolean }> {
  const request = parseCommandLine(argv, COMMANDS);
  if (request.kind === 'help') {
    process.stdout.write(request.text);
    return { code: request.code, running: false };
  }
  const { command, values } = request;
  let opened: Promise<OpenedDatabase> | undefined;
  const context: CliContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    call: systemContext(`cli:${command.name[0] ?? ''}`),
    open: () => (opened ??= openConfigured()),
    readStdin,
  };
  try {
    const code = await command.run(values, context);
    return { code, running: command.keepsRunning && code === 0 };
  } finally {
    // A database that failed to open has nothing to close; its error is the one already on its way.
    if (opened !== undefined && !command.keepsRunning) await opened.then(({ database }) => database.close(), () => undefined);
  }
}
