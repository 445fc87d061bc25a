import type { Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';

/** The monitoring capability's tables. */
export function monitoring(_kind: DatabaseKind): Migration {
  return {
    async up() {
      // Tables are added here with the capability.
    },
  };
}
