#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runCommand, USAGE } from './cli/commands.js';
import { ConfigError } from './config.js';
import { AppError } from './errors.js';

/** The `carebridge` command: parses arguments, runs one command, maps errors to exit codes. */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      output: { type: 'string', short: 'o' },
      input: { type: 'string', short: 'i' },
      'dry-run': { type: 'boolean' },
      'skip-invalid': { type: 'boolean' },
      country: { type: 'string' },
      'demo-if-empty': { type: 'boolean' },
      'time-limit': { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      org: { type: 'string' },
      name: { type: 'string' },
      'expires-days': { type: 'string' },
      'password-stdin': { type: 'boolean' },
      format: { type: 'string' },
      dataset: { type: 'string' },
      mapping: { type: 'string' },
      form: { type: 'string' },
      checkpoint: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true || positionals.length === 0) {
    process.stdout.write(USAGE);
    return positionals.length === 0 && values.help !== true ? 2 : 0;
  }
  return runCommand(positionals, values);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
    else if (e instanceof AppError) {
      process.stderr.write(`error: ${e.detail}\n`);
      for (const fe of e.extra.errors ?? []) process.stderr.write(`  ${fe.path}: ${fe.message}\n`);
      for (const re of e.extra.rowErrors ?? []) process.stderr.write(`  row ${re.row}, column ${re.column}: ${re.message}\n`);
    } else if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${e.message}\n\n${USAGE}`);
    } else {
      process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
    process.exitCode = e instanceof AppError || e instanceof ConfigError || e instanceof TypeError ? 2 : 1;
  },
);
