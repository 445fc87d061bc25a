import type { Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';

/** The energy capability's tables. */
export function energy(_kind: DatabaseKind): Migration {
  return {
    async up() {
      // Tables are added here with the capability.
    },
  };
}
