import type { Role } from '../../../src/modules/access/access.schema.js';

/**
 * Every role: access.schema's ROLES, for what every signed-in role may open. Written out rather than imported because
 * the navigation and the routes are in the entry chunk and ROLES's module would bring TypeBox into every first load
 * (about 10 KB compressed); `satisfies` and every-role.test.ts hold it to the server's list.
 */
export const EVERY_ROLE = ['admin', 'coordinator', 'analyst', 'donor_officer', 'facility_reporter', 'warehouse_officer'] as const satisfies readonly Role[];
