import { rolesOnly, SIGNED_IN } from '../../http/access-rule.js';
import { ProblemResponses } from '../../http/common.schema.js';

/** Writers of stock, shipments and assets (coordinators and warehouse officers within their scope, checked by the services). */
export const WRITERS = rolesOnly('admin', 'coordinator', 'warehouse_officer');
/** Work done at a facility (receiving its deliveries, using and counting its stock, a unit's fault): also its reporters, at their facilities (supply.scope.ts). */
export const FACILITY_WORKERS = rolesOnly('admin', 'coordinator', 'warehouse_officer', 'facility_reporter');
/** Decisions that accept risk: overriding a donation rule, recalling a lot. */
export const DECIDERS = rolesOnly('admin', 'coordinator');
/** Every signed-in role reads; the services filter what each sees (supply.scope.ts). */
export const READERS = SIGNED_IN;
export const errors = ProblemResponses;
