/**
 * Tables owned by the funding capability (merged into the DB interface in src/db/tables.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the capability's tables are added
export interface FundingTables {}
