import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import type { FacilityRow } from '../modules/facilities/facilities.repository.js';
import type { DemoScale } from './demo.js';
import type { Random } from './random.js';

/** Demo data of partnerships (issue 8). */
export async function loadPartnershipsDemo(_database: Database, _ctx: CallContext, _random: Random, _facilities: readonly FacilityRow[], _scale: DemoScale): Promise<void> {}
