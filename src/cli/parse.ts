import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliCommand, CliOption, ParsedValues } from './command.js';
import { commandHelp, globalHelp, groupHelp, usageOf } from './help.js';

/** Bad usage of the command line: the process exits with 2 after the message and the usage lines it names. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: readonly string[] = [],
  ) {
    super(message);
  }
}

/** What a command line asks for: a help text (with its exit code), or a command with its checked values. */
export type CliRequest = { readonly kind: 'help'; readonly text: string; readonly code: number } | { readonly kind: 'run'; readonly command: CliCommand; readonly values: ParsedValues };

type Found = { readonly command: CliCommand } | { readonly group: readonly string[]; readonly commands: readonly CliCommand[] } | null;

const startsWith = (words: readonly string[], prefix: readonly string[]): boolean => prefix.length <= words.length && prefix.every((w, i) => words[i] === w);

/** The command these words name (the longest name they begin with), else the group of commands they begin with. */
function find(commands: readonly CliCommand[], words: readonly string[]): Found {
  const named = commands.filter((c) => startsWith(words, c.name)).sort((a, b) => b.name.length - a.name.length)[0];
  if (named !== undefined) return { command: named };
  for (let n = words.length; n > 0; n -= 1) {
    const group = words.slice(0, n);
    const members = commands.filter((c) => startsWith(c.name, group));
    if (members.length > 0) return { group, commands: members };
  }
  return null;
}

const either = (items: readonly string[]): string => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`);
const both = (items: readonly string[]): string => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`);
const usageLines = (commands: readonly CliCommand[]): string[] => commands.map((c) => `carebridge ${usageOf(c)}`);

/** A command that does not exist: the group's commands when the first words name a group. */
function unknown(words: readonly string[], found: Found): UsageError {
  if (found === null || 'command' in found) return new UsageError(`Unknown command "${words.join(' ')}". Run carebridge --help.`);
  const next = [...new Set(found.commands.map((c) => c.name[found.group.length] ?? ''))];
  const said = words.slice(0, found.group.length + 1).join(' ');
  const message = words.length === found.group.length ? `${said} needs one of: ${either(next)}.` : `Unknown command "${said}": ${found.group.join(' ')} takes ${either(next)}.`;
  return new UsageError(message, usageLines(found.commands));
}

/** `carebridge help [words…]`: the whole list, a group's commands, or one command in full. */
function helpFor(commands: readonly CliCommand[], words: readonly string[]): string {
  if (words.length === 0) return globalHelp(commands);
  const found = find(commands, words);
  if (found !== null && 'command' in found) return commandHelp(found.command);
  if (found !== null && found.group.length === words.length) return groupHelp(found.group, found.commands);
  throw unknown(words, found);
}

/** Every option any command takes, so that the first reading knows which options take a value. */
function allOptions(commands: readonly CliCommand[]): NonNullable<Parameters<typeof parseArgs>[0]>['options'] {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const c of commands) {
    for (const [key, o] of Object.entries(c.options)) options[key] = { type: o.type === 'boolean' ? 'boolean' : 'string', ...(o.short === undefined ? {} : { short: o.short }) };
  }
  return options;
}

/** An option's raw text as its declaration types it, or why it cannot be. */
function typed(key: string, option: CliOption, raw: string): string | number {
  if (option.type === 'integer') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(n)) throw new Error(`--${key} must be a whole number (got "${raw}").`);
    return n;
  }
  if (option.type === 'string' && option.choices !== undefined && !option.choices.includes(raw)) throw new Error(`--${key} must be one of ${option.choices.join(', ')} (got "${raw}").`);
  return raw;
}

/** The values of a command's options and arguments, checked against its declaration. */
function valuesOf(command: CliCommand, tokens: ReturnType<typeof parseArgs>['tokens'] & object): ParsedValues {
  const name = command.name.join(' ');
  const fail = (message: string): never => {
    throw new UsageError(message, [`carebridge ${usageOf(command)}`]);
  };
  const declared = Object.keys(command.options).map((k) => `--${k}`);
  const values: Record<string, string | number | boolean | undefined> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const option = command.options[token.name];
    if (option === undefined) fail(`Unknown option ${token.rawName}: ${declared.length === 0 ? `${name} takes no options` : `${name} takes ${either(declared)}`}.`);
    else if (token.name in values) fail(`--${token.name} is given twice.`);
    else if (option.type === 'boolean') {
      if (token.value !== undefined) fail(`--${token.name} takes no value (got "${token.value}").`);
      values[token.name] = true;
    } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) fail(`--${token.name} needs a value (${'value' in option ? option.value : 'see --help'}).`);
    else {
      try {
        values[token.name] = typed(token.name, option, token.value);
      } catch (e) {
        fail((e as Error).message);
      }
    }
  }
  const args = positionals.slice(command.name.length);
  const placeholders = command.arguments.map((a) => a.value ?? a.choices?.join('|') ?? a.name);
  const extra = args[command.arguments.length];
  if (extra !== undefined) fail(`Unexpected argument "${extra}": ${name} takes ${placeholders.length === 0 ? 'no arguments' : both(placeholders)}.`);
  const missing = [...placeholders.slice(args.length), ...Object.entries(command.options).filter(([k, o]) => o.required === true && !(k in values)).map(([k]) => `--${k}`)];
  if (missing.length > 0) fail(`${name} needs ${both(missing)}.`);
  command.arguments.forEach((a, i) => {
    const value = args[i] ?? '';
    if (a.choices !== undefined && !a.choices.includes(value)) fail(`The ${a.name} must be one of ${a.choices.join(', ')} (got "${value}").`);
    values[a.name] = value;
  });
  for (const [key, o] of Object.entries(command.options)) {
    if (o.type === 'boolean') values[key] ??= false;
    else if (o.default !== undefined) values[key] ??= o.default;
  }
  // Files last: a usage mistake is named before a missing file.
  const files = [...command.arguments.filter((a) => a.existingFile === true).map((a) => a.name), ...Object.entries(command.options).filter(([, o]) => o.type === 'string' && o.existingFile === true).map(([k]) => k)];
  for (const key of files) {
    const file = values[key];
    if (typeof file === 'string' && !fs.existsSync(file)) fail(`No such file: ${file}`);
  }
  return values;
}

/** Reads a command line against the declared commands; bad usage throws a UsageError naming what is wrong. */
export function parseCommandLine(argv: readonly string[], commands: readonly CliCommand[]): CliRequest {
  const { tokens } = parseArgs({ args: [...argv], options: allOptions(commands), strict: false, allowPositionals: true, tokens: true });
  const words = tokens.flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
  const help = tokens.some((t) => t.kind === 'option' && t.name === 'help');
  if (words[0] === 'help') return { kind: 'help', text: helpFor(commands, words.slice(1)), code: 0 };
  // Bare `carebridge` is a mistake (exit 2) that still shows the list; `carebridge --help` asked for it.
  if (words.length === 0) return { kind: 'help', text: globalHelp(commands), code: help ? 0 : 2 };
  const found = find(commands, words);
  if (help && found !== null) return { kind: 'help', text: 'command' in found ? commandHelp(found.command) : groupHelp(found.group, found.commands), code: 0 };
  if (found === null || !('command' in found)) throw unknown(words, found);
  return { kind: 'run', command: found.command, values: valuesOf(found.command, tokens) };
}
