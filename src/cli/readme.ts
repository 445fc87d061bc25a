import type { CliCommand } from './command.js';
import { readmeTable } from './help.js';

const START = '<!-- cli:start: generated from the commands in src/cli/registry.ts by `npx tsx tools/cli-readme-generate.ts`; src/cli/readme.test.ts checks it -->';
const END = '<!-- cli:end -->';

/** The README with its command table between the markers generated anew; throws when the markers are missing. */
export function withCommandTable(readme: string, commands: readonly CliCommand[]): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the lines ${START} and ${END} around its command table.`);
  return `${readme.slice(0, start)}${START}\n${readmeTable(commands)}\n${readme.slice(end)}`;
}
