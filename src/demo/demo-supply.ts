import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import type { FacilityRow } from '../modules/facilities/facilities.repository.js';
import type { DemoScale } from './demo.js';
import type { Random } from './random.js';

/** Demo data of medicines and equipment (issue 6). */
export async function loadSupplyDemo(_database: Database, _ctx: CallContext, _random: Random, _facilities: readonly FacilityRow[], _scale: DemoScale): Promise<void> {}
