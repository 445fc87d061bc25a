import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRule } from '../../src/http/access-rule.js';
import { ROLES, type Role } from '../../src/modules/access/access.schema.js';
import { appFor } from '../support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { buildFacility, userWithToken } from '../support/factories.js';

const LVIV = 'UA46000000000026241';
const KHARKIV = 'UA63000000000041885';
const NO_SUCH_ID = '01900000-0000-7000-8000-000000000000';

let importCounter = 0;
const importCsv = (area: string) =>
  `code,name_uk,name_en,type,tier,ownership,area,lat,lon\nMX-${Date.now()}-${importCounter++},Лікарня,Hospital,ambulatory,primary,communal,${area},49.8,30\n`;

/**
 * Requests that pass validation, so the scope check (in the service) is reached
 * rather than a 400; "out" aims them at Kharkiv, outside every scoped caller's Lviv.
 */
const VALID_REQUEST: Record<string, (where: 'in' | 'out', facilityId: string) => { payload: unknown; contentType?: string }> = {
  'PATCH /api/v1/facilities/:id': () => ({ payload: { version: 1, beds: 5 } }),
  'POST /api/v1/facilities/:id/close': () => ({ payload: { version: 1, closedOn: '2024-05-01', reason: 'matrix' } }),
  'POST /api/v1/facilities': (where) => ({ payload: buildFacility({ areaKatottg: where === 'in' ? LVIV : KHARKIV }) }),
  'POST /api/v1/facilities/import': (where) => ({ payload: importCsv(where === 'in' ? LVIV : KHARKIV), contentType: 'text/csv' }),
  // Energy (issue 7): a profile write reaches the service's scope check; a plan request is valid (with no
  // generators in this database it is refused as "nothing to allocate", after the access check).
  'PUT /api/v1/energy/facilities/:id/profile': () => ({ payload: { fuelStockLitres: 100 } }),
  'POST /api/v1/energy/plans': () => ({ payload: { timeLimitSeconds: 1 } }),
  'POST /api/v1/energy/plans/:id/approve': () => ({ payload: { version: 1 } }),
  'POST /api/v1/energy/plans/:id/execute': () => ({ payload: { version: 1 } }),
  'POST /api/v1/energy/fleet/:id/status': () => ({ payload: { status: 'installed', version: 1 } }),
  // Review (issue 15): a valid decision, so the service's lookup and scope check decide (the id is not a report's).
  'POST /api/v1/status-reports/:id/review': () => ({ payload: { decision: 'validate', version: 0 } }),
  'POST /api/v1/incidents/:id/review': () => ({ payload: { decision: 'validate', version: 0 } }),
  // Monitoring (issue 4): the body names the case's facility (in or out of the caller's scope), so the service's scope check decides.
  'POST /api/v1/status-reports': (_where, facilityId) => ({
    payload: { facilityId, observedAt: '2025-03-01T10:00:00Z', buildingCondition: 'not_damaged', functionality: 'fully', accessibility: 'fully', powerSource: 'grid' },
  }),
  // Funding (issue 5): a valid one-row FX file (repeats are refused as "already stored", still past the access check).
  // A need names the case's facility, so the service's scope check decides.
  'POST /api/v1/needs': (_where, facilityId) => ({ payload: { facilityId, category: 'fuel', specification: 'diesel', quantity: '100', unit: 'l', priority: 'high' } }),
  'POST /api/v1/fx-rates/import': () => ({ payload: 'currency,date,rate_per_usd,source\nJPY,2024-01-02,141.5,matrix\n', contentType: 'text/csv' }),
  // Area access status (issue 17): a valid row for the case's oblast (a coordinator's scope is checked per row; repeats are
  // refused as overlapping the stored period, still past the access check).
  'POST /api/v1/area-statuses/import': (where) => ({ payload: `katottg,status,from,to\n${where === 'in' ? LVIV : KHARKIV},possible_hostilities,2024-01-01,2024-01-02\n`, contentType: 'text/csv' }),
  'PATCH /api/v1/projects/:id': () => ({ payload: { version: 1, status: '3' } }),
  'POST /api/v1/needs/:id/links': () => ({ payload: { transactionId: NO_SUCH_ID, quantity: '1' } }),
  'POST /api/v1/projects/import/iati': () => ({ payload: '<iati-activities version="2.03"></iati-activities>', contentType: 'application/xml' }),
  // Supply (issue 6): the body names the case's facility, so the service's scope check decides (an asset's
  // product does not exist here, so an in-scope caller gets 400 after passing the scope check).
  'POST /api/v1/locations/facility': (_where, facilityId) => ({ payload: { facilityId } }),
  'POST /api/v1/assets': (_where, facilityId) => ({ payload: { serial: 'MATRIX-1', productId: NO_SUCH_ID, facilityId, status: 'functioning' } }),
  'POST /api/v1/products': () => ({ payload: { kind: 'consumable', name: 'Matrix gauze', unit: 'roll', packSize: 1, essential: false } }),
  'POST /api/v1/stock/moves': () => ({ payload: { kind: 'consumption', lotId: NO_SUCH_ID, fromLocationId: NO_SUCH_ID, quantity: 1 } }),
  'POST /api/v1/lots/:id/recall': () => ({ payload: { reason: 'matrix recall' } }),
  'POST /api/v1/shipments/:id/overrides': () => ({ payload: { rule: 'shelf_life', reason: 'matrix override' } }),
  'POST /api/v1/incidents': (_where, facilityId) => ({ payload: { occurredAt: '2025-03-01T10:00:00Z', facilityId, attackTypes: ['threat'], certainty: 'possible' } }),
  // Partnerships (issue 8): schema-valid bodies naming ids that do not exist, so writers get past validation to the
  // service (404 or a named field), and every other role is stopped by the route's rule first.
  'POST /api/v1/agreements': () => ({
    payload: { kind: 'memorandum', title: { en: 'Matrix' }, status: 'draft', startDate: '2024-01-01', partnerIds: [NO_SUCH_ID], areas: [{ area: 'medicines', targets: [] }] },
  }),
  'PATCH /api/v1/agreements/:id': () => ({ payload: { version: 1, status: 'expired' } }),
  'POST /api/v1/agreements/:id/documents': () => ({ payload: '%PDF-1.7\n%%EOF\n', contentType: 'application/pdf' }),
  'POST /api/v1/agreements/:id/projects': () => ({ payload: { projectId: NO_SUCH_ID, area: 'medicines' } }),
  'POST /api/v1/meetings': () => ({
    payload: { heldOn: '2024-05-16', title: { en: 'Matrix' }, participants: [{ organizationId: NO_SUCH_ID, role: 'observer' }], actionItems: [{ text: { en: 'Do' }, owner: 'Someone', dueOn: '2024-06-01' }] },
  }),
  'PATCH /api/v1/action-items/:id': () => ({ payload: { version: 1, status: 'done' } }),
  // A one-row survey file naming the case's facility by id: each row meets the report-scope check.
  'POST /api/v1/status-reports/import': (_where, facilityId) => ({
    payload: `facility_id,visit_date,building_condition,functionality,accessibility,power_source\n${facilityId},2025-03-01,not_damaged,fully,fully,grid\n`,
    contentType: 'text/csv',
  }),
  // The id is the case's facility, not an inbox entry: in scope it is "not found" past the role check, out of scope refused.
  'POST /api/v1/sync/inbox/:id/resolve': () => ({ payload: { resolution: 'dismiss' } }),
};

type Case = 'anonymous' | { role: Role; where: 'in' | 'out' };

/**
 * What a rule allows. Anything but 401/403 counts as "let through" (a 400 for
 * an empty body or a 404 for an unknown id is the route working). A scoped
 * route out of scope must refuse: 403, or 404 where even reading is out of scope.
 */
function expected(rule: AccessRule, c: Case): 'through' | 'unauthenticated' | 'forbidden' | 'refused' {
  if ('public' in rule) return 'through';
  if (c === 'anonymous') return 'unauthenticated';
  if ('roles' in rule && !rule.roles.includes(c.role)) return 'forbidden';
  if (rule.scoped === 'facility' && c.where === 'out' && c.role !== 'admin') {
    // Writes out of scope are refused; reads out of scope only for facility reporters.
    if ('roles' in rule || c.role === 'facility_reporter') return 'refused';
  }
  return 'through';
}

for (const dialect of DIALECTS) {
  describe(`access matrix on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    const headersOf = new Map<Role, { authorization: string }>();
    const facilityIn = new Map<Role, string>();
    let facilityOut = '';
    let checked = 0;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      const admin = await userWithToken(testDb.database, 'admin');
      const make = async (area: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin.headers, payload: buildFacility({ areaKatottg: area }) });
        return (res.json<{ id: string }>()).id;
      };
      facilityOut = await make(KHARKIV);
      for (const role of ROLES) {
        // Each role gets its own in-scope facility, so one role's writes do not change another's case.
        const inScope = await make(LVIV);
        facilityIn.set(role, inScope);
        const scope = role === 'facility_reporter' ? { scopeFacilities: [inScope] } : { scopeAreas: [LVIV] };
        headersOf.set(role, (await userWithToken(testDb.database, role, scope)).headers);
      }
    }, 120_000);
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it('every declared route × every role × in/out of scope answers as its declaration says', async () => {
      const routes = app.declaredRoutes.filter((r) => !r.url.startsWith('/api/docs'));
      expect(routes.length).toBeGreaterThan(15);
      const failures: string[] = [];
      const cases: Case[] = ['anonymous', ...ROLES.flatMap((role) => [{ role, where: 'in' as const }, { role, where: 'out' as const }])];
      for (const route of routes) {
        for (const c of cases) {
          const role = c === 'anonymous' ? undefined : c.role;
          const id = route.rule !== undefined && 'scoped' in route.rule && route.rule.scoped === 'facility' && c !== 'anonymous' ? (c.where === 'in' ? facilityIn.get(c.role) : facilityOut) : NO_SUCH_ID;
          const url = route.url.replace(':id', id ?? NO_SUCH_ID).replace(/:[a-zA-Z]+/g, NO_SUCH_ID);
          const key = `${route.method} ${route.url}`;
          const prepared = VALID_REQUEST[key]?.(c === 'anonymous' ? 'in' : c.where, id ?? NO_SUCH_ID);
          const body = prepared?.payload ?? (['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined);
          const res = await app.inject({
            method: route.method as 'GET',
            url,
            headers: { ...(role === undefined ? {} : headersOf.get(role)), ...(prepared?.contentType === undefined ? {} : { 'content-type': prepared.contentType }) },
            ...(body === undefined ? {} : { payload: body as string }),
          });
          checked += 1;
          const want = expected(route.rule, c);
          const got = res.statusCode;
          // A list refuses by leaving the out-of-scope facility out; an import, by naming the row.
          const refused = route.url.includes(':id') || route.method !== 'GET' ? got === 403 || got === 404 || (got === 400 && res.body.includes('outside')) : got === 200 && !res.body.includes(facilityOut);
          const ok =
            want === 'through' ? got !== 401 && got !== 403 && got < 500
            : want === 'unauthenticated' ? got === 401
            : want === 'forbidden' ? got === 403
            : refused;
          if (!ok) failures.push(`${key} as ${c === 'anonymous' ? 'anonymous' : `${c.role}/${c.where}`}: wanted ${want}, got ${got} ${res.body.slice(0, 120)}`);
        }
      }
      expect(failures).toEqual([]);
      // The size of the matrix, for the record.
      console.info(`access matrix on ${dialect}: ${routes.length} routes × ${cases.length} caller cases = ${checked} requests`);
    }, 300_000);
  });
}
