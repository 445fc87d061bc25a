#!/usr/bin/env node
import { UsageError } from './cli/parse.js';
import { writeRowErrors } from './cli/rows.js';
import { runCommandLine } from './cli/run.js';
import { ConfigError } from './config.js';
import { AppError } from './errors.js';

/** The `carebridge` command: runs one command line (src/cli/registry.ts lists the commands), maps errors to exit codes. */
runCommandLine(process.argv.slice(2)).then(
  ({ code, running }) => {
    // A server that started keeps the exit code unset while it runs.
    if (!running) process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
    else if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      e.usage.forEach((line, i) => process.stderr.write(`${i === 0 ? 'Usage: ' : '       '}${line}\n`));
    } else if (e instanceof AppError) {
      process.stderr.write(`error: ${e.detail}\n`);
      for (const fe of e.extra.errors ?? []) process.stderr.write(`  ${fe.path}: ${fe.message}\n`);
      writeRowErrors(process.stderr, e.extra.rowErrors ?? []);
    } else {
      process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
    process.exitCode = e instanceof AppError || e instanceof ConfigError || e instanceof UsageError ? 2 : 1;
  },
);
