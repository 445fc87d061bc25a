import type { CliArgument, CliCommand, CliOption } from './command.js';

/** Help texts and the README's command table, all generated from the commands' declarations. */

const WIDTH = 120;
/** Where a listing's summaries begin, as in the usage text this replaced. */
const SUMMARY_COLUMN = 37;

/** An argument's or option's placeholder: its own, or its choices joined by `|`; null for a flag. */
function placeholder(of: CliArgument | CliOption): string | null {
  if ('type' in of && of.type === 'boolean') return null;
  const choices = 'choices' in of ? of.choices : undefined;
  return ('value' in of ? of.value : undefined) ?? choices?.join('|') ?? null;
}

const optionLabel = (key: string, option: CliOption): string => {
  const value = placeholder(option);
  return value === null ? `--${key}` : `--${key} ${value}`;
};

/** `import iati FILE.xml [--dry-run] [--country CC]`: the command as typed, without the program's name. */
export function usageOf(command: CliCommand): string {
  const words = [...command.name, ...command.arguments.map((a) => placeholder(a) ?? a.name)];
  for (const [key, option] of Object.entries(command.options)) words.push(option.required === true ? optionLabel(key, option) : `[${optionLabel(key, option)}]`);
  return words.join(' ');
}

/** Words laid out in lines of at most `width` characters, every line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** Label and text in two columns; a label too long for its column puts the text on the next line. */
function twoColumns(rows: readonly (readonly [string, string])[], column: number): string {
  return rows
    .map(([label, text]) => {
      const head = `  ${label}`;
      const lead = head.length + 1 <= column ? head.padEnd(column) : `${head}\n${' '.repeat(column)}`;
      return `${lead}${wrap(text, WIDTH, column)}\n`;
    })
    .join('');
}

const listing = (commands: readonly CliCommand[]): string => twoColumns(commands.map((c) => [usageOf(c), c.summary]), SUMMARY_COLUMN);

/** `carebridge --help`: every command with its one-line summary. */
export function globalHelp(commands: readonly CliCommand[]): string {
  return `Usage: carebridge <command> [options]

${listing(commands)}
Run carebridge help <command> for a command's arguments and options.
Configuration comes from the environment: DATABASE_URL, PORT, HOST, CAREBRIDGE_*.
Exit codes: 0 success, 2 bad input (the message says which argument, field or row), 1 anything else.
`;
}

/** `carebridge help import`: the commands whose names begin with these words. */
export function groupHelp(group: readonly string[], commands: readonly CliCommand[]): string {
  return `Usage: carebridge ${group.join(' ')} <command> [options]\n\n${listing(commands)}\nRun carebridge help ${group.join(' ')} <command> for a command's arguments and options.\n`;
}

/** `carebridge help import iati`: its usage, what it does, and each argument and option. */
export function commandHelp(command: CliCommand): string {
  const args = command.arguments.map((a): [string, string] => [placeholder(a) ?? a.name, a.help]);
  const options = Object.entries(command.options).map(([key, o]): [string, string] => {
    const label = `${o.short === undefined ? '' : `-${o.short}, `}${optionLabel(key, o)}`;
    const fallback = 'default' in o && o.default !== undefined ? ` (default: ${o.default})` : '';
    return [label, `${o.help}${o.required === true ? ' (required)' : ''}${fallback}`];
  });
  options.push(['-h, --help', 'show this help']);
  const column = Math.min(SUMMARY_COLUMN, 4 + Math.max(...[...args, ...options].map(([label]) => label.length + 2)));
  const sections = [`Usage: carebridge ${usageOf(command)}\n`, `  ${wrap(command.description, WIDTH, 2)}\n`];
  if (args.length > 0) sections.push(`Arguments:\n${twoColumns(args, column)}`);
  sections.push(`Options:\n${twoColumns(options, column)}`);
  return sections.join('\n');
}

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The README's table of commands (Markdown): each usage and its whole description. */
export function readmeTable(commands: readonly CliCommand[]): string {
  const rows = commands.map((c) => `| \`${cell(usageOf(c))}\` | ${cell(c.description)} |`);
  return ['| Command | What it does |', '|---|---|', ...rows].join('\n');
}
