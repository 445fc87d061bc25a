import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withCommandTable } from './readme.js';
import { COMMANDS } from './registry.js';

describe("the README's command table", () => {
  it('is what the commands declare (regenerate it with `npx tsx tools/cli-readme-generate.ts`)', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(readme).toBe(withCommandTable(readme, COMMANDS));
    // Every command has its row, so a command added to the registry appears in the README.
    for (const c of COMMANDS) expect(readme).toContain(`| \`${c.name.join(' ')}`);
  });

  it('refuses a README without the markers rather than writing the table somewhere', () => {
    expect(() => withCommandTable('# Carebridge\n', COMMANDS)).toThrow(/cli:start.*cli:end/s);
  });
});
