import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No cycle between modules (docs/architecture.md § Layers). A module is a folder under src/modules/; it depends on
 * another when one of its files (tests aside: they may set data up through any module) imports one of the other's,
 * types included, since a type import still ties one module's code to the other's. Lint checks one import at a
 * time; a cycle is a property of the whole graph, so it is checked here.
 */
const MODULES = path.join(import.meta.dirname, 'modules');

interface Edge {
  readonly from: string;
  readonly to: string;
  /** One import that makes the edge, to name in a failure. */
  readonly file: string;
  readonly specifier: string;
}

const moduleOf = (file: string): string | null => {
  const rel = path.relative(MODULES, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? null : (rel.split(path.sep)[0] ?? null);
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every module-to-module import (import, export … from, import()), read by the TypeScript compiler's pre-processor. */
function moduleEdges(root = MODULES): Edge[] {
  const edges = new Map<string, Edge>();
  for (const file of sourceFiles(root)) {
    const from = moduleOf(file);
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of info.importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const to = moduleOf(path.resolve(path.dirname(file), specifier));
      if (from === null || to === null || to === from || edges.has(`${from}→${to}`)) continue;
      edges.set(`${from}→${to}`, { from, to, file: path.relative(path.dirname(MODULES), file), specifier });
    }
  }
  return [...edges.values()];
}

/** The cycles of a graph, one per strongly connected component of more than one module, each as a closed walk. */
function cyclesOf(edges: readonly Edge[]): Edge[][] {
  const next = new Map<string, Edge[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e]);
  const reaches = (a: string, b: string): boolean => {
    const seen = new Set([a]);
    const todo = [a];
    for (let n = todo.pop(); n !== undefined; n = todo.pop()) {
      for (const e of next.get(n) ?? []) {
        if (e.to === b) return true;
        if (seen.has(e.to)) continue;
        seen.add(e.to);
        todo.push(e.to);
      }
    }
    return false;
  };
  const cycles: Edge[][] = [];
  const covered = new Set<string>();
  for (const start of [...next.keys()].sort()) {
    if (covered.has(start) || !reaches(start, start)) continue;
    // The shortest way back to the start (breadth first), so the cycle named is the simplest one through it.
    const via = new Map<string, Edge>();
    const queue = [start];
    for (let i = 0; i < queue.length && !via.has(start); i += 1) {
      for (const e of next.get(queue[i] as string) ?? []) {
        if (via.has(e.to)) continue;
        via.set(e.to, e);
        queue.push(e.to);
      }
    }
    const walk: Edge[] = [];
    for (let e = via.get(start); e !== undefined && walk.length < edges.length; e = e.from === start ? undefined : via.get(e.from)) walk.unshift(e);
    for (const n of [...next.keys()]) if (reaches(start, n) && reaches(n, start)) covered.add(n);
    cycles.push(walk);
  }
  return cycles;
}

const describeCycle = (cycle: readonly Edge[]): string =>
  `${cycle.map((e) => e.from).join(' → ')} → ${cycle[0]?.from ?? ''}\n${cycle.map((e) => `  ${e.from} → ${e.to}: ${e.file} imports '${e.specifier}'`).join('\n')}`;

describe('module graph', () => {
  const edges = moduleEdges();

  it('sees the imports between modules (the graph is not empty by mistake)', () => {
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    expect(has('energy', 'facilities')).toBe(true);
    expect(has('supply', 'audit')).toBe(true);
    expect(has('audit', 'energy')).toBe(false);
  });

  it('finds a cycle and names each import on it', () => {
    const edge = (from: string, to: string): Edge => ({ from, to, file: `modules/${from}/x.ts`, specifier: `../${to}/y.js` });
    const found = cyclesOf([edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'd')]);
    expect(found.map(describeCycle)).toEqual([
      "a → b → c → a\n  a → b: modules/a/x.ts imports '../b/y.js'\n  b → c: modules/b/x.ts imports '../c/y.js'\n  c → a: modules/c/x.ts imports '../a/y.js'",
    ]);
    expect(cyclesOf([edge('a', 'b'), edge('b', 'c')])).toEqual([]);
  });

  it('has no cycle between modules', () => {
    expect(cyclesOf(edges).map(describeCycle)).toEqual([]);
  });
});
