import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/** The registry's sort indexes (0001-foundation): the sort column and id, which keep the keyset order. */
const SORT_INDEXES = [
  ['facilities_name_en', 'name_en'],
  ['facilities_name_uk', 'name_uk'],
  ['facilities_beds', 'beds'],
  ['facilities_updated', 'updated_at'],
] as const;

/**
 * SQLite answers a filtered page of the registry (an oblast by beds, a text search by name) by walking a sort
 * index and testing each facility against the filters until the page is full: with an oblast of 2,000 facilities
 * of 30,000, or a search matching 700, that is thousands of rows, each read from the table only to be refused.
 * The sort indexes now also carry the columns every list filters on (open or closed, area path for an oblast and
 * for scoped callers, the search text), so a facility is refused from the index and only the page's rows are read
 * (EXPLAIN QUERY PLAN unchanged: SCAN facilities USING INDEX facilities_beds; issue 14 item 4). Same names and
 * leading columns, so every order still uses its index. SQLite only: PostgreSQL's index scan reads the table row
 * before testing filters on columns outside the key, so the wider index would cost writes and gain nothing there.
 */
export function facilityListFilters(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      if (kind !== 'sqlite') return;
      for (const [name, column] of SORT_INDEXES) {
        await db.schema.dropIndex(name).execute();
        await db.schema.createIndex(name).on('facilities').columns([column, 'id', 'closed_on', 'area_path', 'search_text']).execute();
      }
    },
  };
}
