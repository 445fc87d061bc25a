import type { Role } from '../../../src/modules/access/access.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';

/** Who may change stock, shipments and assets, and who may accept risk (override a rule, recall a lot): as the routes allow (src/modules/supply/supply.access.ts). */
export const SUPPLY_WRITERS: readonly Role[] = ['admin', 'coordinator', 'warehouse_officer'];
export const SUPPLY_DECIDERS: readonly Role[] = ['admin', 'coordinator'];

/** What the signed-in user may do here; the server still decides per record (coordinators only in their areas). */
export function useSupplyRoles(): { canWrite: boolean; canDecide: boolean } {
  const me = useSession().data;
  return { canWrite: hasAnyRole(me, SUPPLY_WRITERS), canDecide: hasAnyRole(me, SUPPLY_DECIDERS) };
}
