/** Tables owned by medicines and equipment (issue 6) (merged into the DB interface in src/db/tables.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in with the module's tables
export interface SupplyTables {}
