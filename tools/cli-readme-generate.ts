/**
 * Writes the README's table of `carebridge` commands from their declarations (src/cli/registry.ts), between the
 * cli:start and cli:end markers; src/cli/readme.test.ts fails while the README says something else:
 *
 *   npx tsx tools/cli-readme-generate.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withCommandTable } from '../src/cli/readme.js';
import { COMMANDS } from '../src/cli/registry.js';

const README = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
writeFileSync(README, withCommandTable(readFileSync(README, 'utf8'), COMMANDS));
