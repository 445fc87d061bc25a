import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads an official IATI codelist (XML as published, e.g. Sector.xml) into
 * its codes and their status. The lists stay in ../shared (or wherever
 * CAREBRIDGE_IATI_CODELISTS points): the project does not copy them.
 */
export interface Codelist {
  name: string;
  /** Code → 'active' or 'withdrawn'. */
  codes: ReadonlyMap<string, 'active' | 'withdrawn'>;
}

const ITEM = /<codelist-item([^>]*)>\s*<code>([^<]+)<\/code>/g;

export function parseCodelist(name: string, xml: string): Codelist {
  const codes = new Map<string, 'active' | 'withdrawn'>();
  for (const m of xml.matchAll(ITEM)) {
    const attributes = m[1] ?? '';
    codes.set((m[2] ?? '').trim(), attributes.includes('status="withdrawn"') ? 'withdrawn' : 'active');
  }
  if (codes.size === 0) throw new Error(`the ${name} codelist has no codes`);
  return { name, codes };
}

const cache = new Map<string, Codelist>();

/** Loads (once per folder and name) a codelist such as "Sector" from `dir`. */
export function loadCodelist(dir: string, name: string): Codelist {
  const file = path.join(dir, `${name}.xml`);
  const hit = cache.get(file);
  if (hit !== undefined) return hit;
  const list = parseCodelist(name, fs.readFileSync(file, 'utf8'));
  cache.set(file, list);
  return list;
}

/** Why a code may not be used, or undefined when it may. */
export function codeProblem(list: Codelist, code: string): string | undefined {
  const status = list.codes.get(code);
  if (status === undefined) return `"${code}" is not on the IATI ${list.name} codelist`;
  if (status === 'withdrawn') return `"${code}" is withdrawn from the IATI ${list.name} codelist`;
  return undefined;
}
