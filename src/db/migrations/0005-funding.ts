import type { Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';

/** The funding capability's tables: needs, projects (IATI activities), transactions, FX rates. */
export function funding(_kind: DatabaseKind): Migration {
  return {
    async up() {
      // Tables are added here with the capability.
    },
  };
}
