import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/** The tables of partnerships (issue 8). */
export function partnerships(_kind: DatabaseKind): Migration {
  return {
    async up(_db: AnyDb) {
      // Placeholder: the module's tables are added here before its first release.
    },
  };
}
