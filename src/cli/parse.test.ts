import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliOption } from './command.js';
import { usageOf } from './help.js';
import { parseCommandLine, UsageError } from './parse.js';
import { COMMANDS } from './registry.js';

const parse = (...argv: string[]) => parseCommandLine(argv, COMMANDS);
/** The usage error a command line raises: its message and usage lines. */
function refusal(...argv: string[]): { message: string; usage: readonly string[] } {
  try {
    parse(...argv);
  } catch (e) {
    if (e instanceof UsageError) return { message: e.message, usage: e.usage };
    throw e;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('the command line', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'carebridge-parse-')), 'facilities.csv');
  fs.writeFileSync(file, 'code\n');

  it('gives each command its typed values: positional by name, options by long name, flags false when absent, defaults', () => {
    const r = parse('import', 'facilities', file, '--dry-run');
    expect(r).toMatchObject({ kind: 'run', command: { name: ['import', 'facilities'] }, values: { file, 'dry-run': true } });
    expect(parse('demo', '--seed', '7')).toMatchObject({ values: { scale: 'small', seed: 7 } });
    expect(parse('--scale', 'national', 'demo')).toMatchObject({ values: { scale: 'national', seed: 1 } });
    expect(parse('export', 'xlsx', '-o', 'out.xlsx')).toMatchObject({ command: { name: ['export'] }, values: { format: 'xlsx', output: 'out.xlsx' } });
    expect(parse('export', 'hxl', '--dataset=flows')).toMatchObject({ command: { name: ['export', 'hxl'] }, values: { dataset: 'flows' } });
    expect(parse('user', 'password', '--email', 'a@b.example', '--password-stdin')).toMatchObject({ values: { email: 'a@b.example', 'password-stdin': true } });
  });

  it('names what is missing, unknown or malformed, with the usage of the command', () => {
    expect(refusal('user', 'lock')).toEqual({ message: 'user lock needs --email.', usage: ['carebridge user lock --email E'] });
    expect(refusal('user', 'create').message).toBe('user create needs --email and --role.');
    expect(refusal('user', 'password', '--email', 'a@b.example').message).toBe('user password needs --password-stdin.');
    expect(refusal('import', 'facilities').message).toBe('import facilities needs FILE.');
    expect(refusal('import', 'facilities', file, '--bogus').message).toBe('Unknown option --bogus: import facilities takes --dry-run.');
    expect(refusal('migrate', '--dry-run').message).toBe('Unknown option --dry-run: migrate takes no options.');
    expect(refusal('migrate', 'now').message).toBe('Unexpected argument "now": migrate takes no arguments.');
    expect(refusal('import', 'facilities', file, 'more.csv').message).toBe('Unexpected argument "more.csv": import facilities takes FILE.');
    expect(refusal('import', 'facilities', path.join(path.dirname(file), 'nope.csv')).message).toBe(`No such file: ${path.join(path.dirname(file), 'nope.csv')}`);
    expect(refusal('demo', '--seed', 'x').message).toBe('--seed must be a whole number (got "x").');
    expect(refusal('demo', '--seed', '').message).toBe('--seed must be a whole number (got "").');
    expect(refusal('demo', '--scale', 'huge').message).toBe('--scale must be one of small, national (got "huge").');
    expect(refusal('export', 'pdf').message).toBe('The format must be one of csv, xlsx, geojson (got "pdf").');
    expect(refusal('export', 'hxl').message).toBe('export hxl needs --dataset.');
    expect(refusal('backup', '--output').message).toBe('--output needs a value (FILE).');
    expect(refusal('backup', '--output', '--force').message).toBe('--output needs a value (FILE).');
    expect(refusal('backup', '--force=yes', '--output', 'f').message).toBe('--force takes no value (got "yes").');
    expect(refusal('user', 'lock', '--email', 'a', '--email', 'b').message).toBe('--email is given twice.');
    expect(refusal('plan', 'generators', '--input', 'nowhere.json').message).toBe('No such file: nowhere.json');
  });

  it('names an unknown command, and a group\'s commands when the first word is right', () => {
    expect(refusal('frobnicate')).toEqual({ message: 'Unknown command "frobnicate". Run carebridge --help.', usage: [] });
    const user = refusal('user', 'delete', '--email', 'a');
    expect(user.message).toBe('Unknown command "user delete": user takes create, password, lock or unlock.');
    expect(user.usage).toContain('carebridge user lock --email E');
    expect(refusal('audit').message).toBe('audit needs one of: verify or checkpoint.');
  });

  it('answers help: the list (exit 2 when nothing was asked), a group, or one command in full', () => {
    expect(parse()).toMatchObject({ kind: 'help', code: 2 });
    const list = parse('--help');
    expect(list).toMatchObject({ kind: 'help', code: 0 });
    for (const c of COMMANDS) expect(list.kind === 'help' && list.text).toContain(`  ${usageOf(c)}`);
    expect(parse('help')).toEqual(list);
    const iati = parse('help', 'import', 'iati');
    expect(iati).toMatchObject({ kind: 'help', code: 0 });
    expect(iati.kind === 'help' && iati.text).toMatch(/^Usage: carebridge import iati FILE\.xml \[--dry-run\] \[--skip-invalid\] \[--country CC\]\n[^]*--country CC +keep only/);
    expect(parse('import', 'iati', '-h')).toEqual(iati);
    expect(parse('user', '--help')).toMatchObject({ kind: 'help', code: 0, text: expect.stringContaining('  user unlock --email E') as unknown });
    expect(() => parse('help', 'nope')).toThrow(UsageError);
  });
});

describe('the commands', () => {
  it('have distinct names, and a command named by the first words of another never takes that word as its argument', () => {
    const names = COMMANDS.map((c) => c.name.join(' '));
    expect(new Set(names).size).toBe(names.length);
    for (const short of COMMANDS) {
      for (const long of COMMANDS.filter((c) => c.name.length > short.name.length && short.name.every((w, i) => c.name[i] === w))) {
        const first = short.arguments[0];
        expect(first?.choices, `${names.join()}: "${long.name.join(' ')}" could be "${short.name.join(' ')}" with an argument`).toBeDefined();
        expect(first?.choices).not.toContain(long.name[short.name.length]);
      }
    }
  });

  it('give an option the same type and short form wherever it appears (argv is read once for all), and every value a placeholder', () => {
    const seen = new Map<string, CliOption>();
    for (const c of COMMANDS) {
      for (const [key, o] of Object.entries(c.options)) {
        const first = seen.get(key) ?? o;
        seen.set(key, first);
        const shape = (x: CliOption) => ({ type: x.type, short: x.short });
        expect(shape(o), `--${key} of ${c.name.join(' ')}`).toEqual(shape(first));
        expect(key).not.toBe('help');
        if (o.type !== 'boolean') expect(usageOf(c)).toMatch(new RegExp(`--${key} [^\\s\\]]+`));
      }
    }
  });
});
