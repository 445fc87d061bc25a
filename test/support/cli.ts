import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { onceForRun } from './run-once.js';

const run = promisify(execFile);

/**
 * The arguments that start the `carebridge` command in a child process, for `execFile(process.execPath, …)`:
 * the CLI compiled once per run into one ES module (with the solver's and the SQLite readers' workers next
 * to it, where worker-entry.ts looks for them when not running from source). Starting `tsx` instead compiled every
 * source file again at each command, 1–3 s each, over a hundred times a run.
 */
export async function cliArgs(...args: string[]): Promise<string[]> {
  const { entry } = await onceForRun('cli', bundleCli);
  return [entry, ...args];
}

async function bundleCli(dir: string): Promise<{ entry: string }> {
  await build({
    entryPoints: {
      cli: path.resolve('src/cli.ts'),
      'solver-worker': path.resolve('src/modules/energy/solver-worker.ts'),
      'sqlite-read-worker': path.resolve('src/db/sqlite-read-worker.ts'),
    },
    outdir: path.join(dir, 'bundle'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Chunks, so that what a command loads on demand (the server, ExcelJS) stays out of every other command's start.
    splitting: true,
    target: 'node20',
    // Packages stay outside the bundle, loaded from node_modules as `npm start` does (the link below finds them).
    packages: 'external',
    logLevel: 'warning',
  });
  // The run's folder is outside the project; Node looks for packages in node_modules folders above the importing file.
  fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { entry: path.join(dir, 'bundle', 'cli.js') };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command in a child process, as an operator's script would, with `input` on its standard input. */
export async function carebridge(env: NodeJS.ProcessEnv, args: string[], input = ''): Promise<CliResult> {
  const pending = run(process.execPath, await cliArgs(...args), { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  pending.child.stdin?.end(input);
  try {
    const { stdout, stderr } = await pending;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as CliResult;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
