import type { Config } from '../config.js';
import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';

/**
 * A command of `carebridge`, declared rather than parsed by hand: the parser (parse.ts) checks argv against it, and
 * `carebridge --help`, `carebridge help <command>` and the README's command table (help.ts) are generated from it.
 */

/** An option (`--name VALUE` or a flag). The same name means the same thing in every command (registry.test.ts). */
export type CliOption =
  | { readonly type: 'boolean'; readonly help: string; readonly short?: string; readonly required?: true }
  | { readonly type: 'integer'; readonly help: string; readonly short?: string; readonly value: string; readonly required?: true; readonly default?: number }
  | {
      readonly type: 'string';
      readonly help: string;
      readonly short?: string;
      /** The placeholder in usage lines (`--email E`); the choices joined by `|` when absent. */
      readonly value?: string;
      readonly choices?: readonly string[];
      readonly required?: true;
      readonly default?: string;
      /** The value names a file that must exist. */
      readonly existingFile?: true;
    };

/** A positional argument; every one is required. */
export interface CliArgument {
  /** The key of its value in the handler's arguments. */
  readonly name: string;
  /** The placeholder in usage lines (`FILE.xml`); the choices joined by `|` when absent. */
  readonly value?: string;
  readonly help: string;
  readonly choices?: readonly string[];
  readonly existingFile?: true;
}

export interface OpenedDatabase {
  readonly config: Config;
  readonly database: Database;
}

/** What a handler may use besides its arguments. */
export interface CliContext {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** The operator as the audit log records it: `cli:` and the command's first word. */
  readonly call: CallContext;
  /** The configuration and the migrated database, opened at the first call and closed when the command ends. */
  readonly open: () => Promise<OpenedDatabase>;
  /** Standard input without its final line break: passwords come this way, never on the command line. */
  readonly readStdin: () => Promise<string>;
}

type OptionValue<O extends CliOption> =
  | (O extends { type: 'boolean' } ? boolean : O extends { type: 'integer' } ? number : O extends { choices: readonly (infer C)[] } ? C : string)
  | (O extends { type: 'boolean' } | { required: true } | { default: unknown } ? never : undefined);

type ArgumentValues<A extends readonly CliArgument[]> = { readonly [X in A[number] as X['name']]: X extends { choices: readonly (infer C)[] } ? C : string };

/** The handler's typed arguments: positional ones by name, options by their long name (an absent flag is false). */
export type CommandArgs<O extends Readonly<Record<string, CliOption>>, A extends readonly CliArgument[]> = { readonly [K in keyof O]: OptionValue<O[K]> } & ArgumentValues<A>;

/** What the parser hands any handler before the declaration types it. */
export type ParsedValues = Readonly<Record<string, string | number | boolean | undefined>>;

export interface CommandSpec<O extends Readonly<Record<string, CliOption>>, A extends readonly CliArgument[]> {
  /** The words that name it: `['import', 'iati']`. */
  readonly name: readonly string[];
  /** One line for `carebridge --help`. */
  readonly summary: string;
  /** The whole story, for `carebridge help <command>` and the README (the summary when absent); Markdown code spans allowed. */
  readonly description?: string;
  readonly arguments?: A;
  readonly options?: O;
  /** It serves until stopped: the database stays open when the handler returns (`serve`). */
  readonly keepsRunning?: true;
  /** Returns the exit code: 0 done, 2 bad input, 1 anything else (a failed check, say). */
  readonly handler: (args: CommandArgs<O, A>, context: CliContext) => Promise<number>;
}

/** A declared command as the registry, the parser and the help hold it. */
export interface CliCommand {
  readonly name: readonly string[];
  readonly summary: string;
  readonly description: string;
  readonly arguments: readonly CliArgument[];
  readonly options: Readonly<Record<string, CliOption>>;
  readonly keepsRunning: boolean;
  readonly run: (values: ParsedValues, context: CliContext) => Promise<number>;
}

export function defineCommand<const O extends Readonly<Record<string, CliOption>> = Record<never, never>, const A extends readonly CliArgument[] = readonly []>(spec: CommandSpec<O, A>): CliCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    description: spec.description ?? spec.summary,
    arguments: spec.arguments ?? [],
    options: spec.options ?? {},
    keepsRunning: spec.keepsRunning === true,
    // The parser has checked the values against this very declaration (presence, type, choices), which is what the type says.
    run: (values, context) => spec.handler(values as CommandArgs<O, A>, context),
  };
}

/** The file an import reads, which must exist. */
export const importFile = (help: string, value = 'FILE') => ({ name: 'file', value, help, existingFile: true }) as const;

/** An import's `--dry-run`. */
export const dryRunOption = { type: 'boolean', help: 'check every row and report the problems; write nothing' } as const;

/** An export's `--output FILE` (standard output without it). */
export const outputOption = { type: 'string', short: 'o', value: 'FILE', help: 'the file to write (standard output when absent)' } as const;
