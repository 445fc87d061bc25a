import type { Role } from '../../../src/modules/access/access.schema.js';

/** Who follows up on reporting (the navigation entry, the page and the overview card); the API itself answers every signed-in role within its scope. */
export const REPORTING_ROLES: readonly Role[] = ['admin', 'coordinator', 'analyst'];
