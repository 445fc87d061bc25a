// Layer rules for eslint.config.js, checked on every import form: `import`, `export … from` and `import()`.
// Which files a rule applies to is said in eslint.config.js; these rules only judge one import at a time.
import path from 'node:path';

const MODULES = path.join(import.meta.dirname, 'src', 'modules');

/** Calls `check(node, source, typeOnly)` for every import in a file. */
const onImports = (check) => {
  const declaration = (node) => {
    if (node.source === null || node.source === undefined) return;
    const specifiers = node.specifiers ?? [];
    const kind = node.importKind ?? node.exportKind;
    // `import type { A }`, or `import { type A, type B }` (every name a type): erased from the emitted JavaScript.
    const typeOnly = kind === 'type' || (specifiers.length > 0 && specifiers.every((s) => (s.importKind ?? s.exportKind) === 'type'));
    check(node, node.source.value, typeOnly);
  };
  return {
    ImportDeclaration: declaration,
    ExportNamedDeclaration: declaration,
    ExportAllDeclaration: declaration,
    ImportExpression: (node) => {
      if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value, false);
    },
  };
};

/** The module (folder under src/modules/) a file or a relative import lies in, or null. */
const moduleOf = (file) => {
  const rel = path.relative(MODULES, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? null : (rel.split(path.sep)[0] ?? null);
};

const kyselyInRepositories = {
  meta: {
    type: 'problem',
    docs: { description: 'Only repositories, src/db/ and migrations build queries: elsewhere Kysely may be imported for its types only.' },
    messages: { value: 'Kysely is imported as a value here: build the query in a *.repository.ts (or src/db/) and call it; outside them import only types from kysely.' },
    schema: [],
  },
  create: (context) => onImports((node, source, typeOnly) => {
    if ((source === 'kysely' || source.startsWith('kysely/')) && !typeOnly) context.report({ node, messageId: 'value' });
  }),
};

// The query builder's entry points: a query starts with one of these on a connection or a transaction.
const QUERY_STARTS = new Set(['selectFrom', 'selectNoFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto']);

const queriesInRepositories = {
  meta: {
    type: 'problem',
    docs: { description: 'Queries are built in repositories (and src/db/): elsewhere a connection or transaction is only passed on.' },
    messages: { query: '`.{{name}}(…)` starts a query outside a repository: move it into a *.repository.ts of this module and call that.' },
    schema: [],
  },
  create: (context) => ({
    'CallExpression > MemberExpression.callee > Identifier.property': (node) => {
      if (QUERY_STARTS.has(node.name)) context.report({ node, messageId: 'query', data: { name: node.name } });
    },
  }),
};

const noForeignRepository = {
  meta: {
    type: 'problem',
    docs: { description: "A module reaches another module through its services; never its repository. Another module's *.tables.ts is for types only." },
    messages: {
      repository: "'{{source}}' is the {{owner}} module's repository: call the {{owner}} module's service instead (row types are in its *.tables.ts).",
      tables: "'{{source}}' holds the {{owner}} module's row types: import them with `import type`.",
    },
    schema: [],
  },
  create: (context) => {
    const here = moduleOf(context.filename);
    if (here === null) return {};
    return onImports((node, source, typeOnly) => {
      if (!source.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), source);
      const owner = moduleOf(target);
      if (owner === null || owner === here) return;
      if (/\.repository(\.[jt]s)?$/.test(target)) context.report({ node, messageId: 'repository', data: { source, owner } });
      else if (/\.tables(\.[jt]s)?$/.test(target) && !typeOnly) context.report({ node, messageId: 'tables', data: { source, owner } });
    });
  },
};

export const layers = {
  meta: { name: 'carebridge-layers' },
  rules: { 'kysely-in-repositories': kyselyInRepositories, 'queries-in-repositories': queriesInRepositories, 'no-foreign-repository': noForeignRepository },
};
