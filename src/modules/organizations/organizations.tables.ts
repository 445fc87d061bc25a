import type { OrganizationsTable } from '../../db/tables.js';

/**
 * The organizations capability's row types. Other modules import them (as types) from here, never from the
 * repository: a module reaches another module's data through its service (lint enforces it).
 */
export type OrganizationRow = OrganizationsTable;
