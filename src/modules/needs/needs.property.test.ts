import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { formatPlain, parseDecimal } from '../../engine/fx/decimal.js';
import { AppError } from '../../errors.js';
import { decideNeed } from './needs.decisions.js';
import { addNeedLink, recordNeedReceipt, removeNeedLink } from './needs.links.js';
import type { Need } from './needs.schema.js';
import { createNeed, getNeed, updateNeed } from './needs.service.js';
import { withTransaction } from '../../db/transaction.js';

const LVIV = 'UA46000000000026241';
const ctx = systemContext('property');

/** What may happen to a need, in any order: the refusals (a link to a closed need, a quantity below delivered) are part of it. */
const step = fc.oneof(
  fc.record({ kind: fc.constantFrom('pledge' as const, 'commit' as const), quantity: fc.integer({ min: 1, max: 60 }), packs: fc.boolean() }),
  fc.record({ kind: fc.constant('receipt' as const), accepted: fc.nat({ max: 30 }), rejected: fc.nat({ max: 6 }), packs: fc.boolean() }),
  fc.record({ kind: fc.constant('edit' as const), quantity: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('close' as const) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

for (const dialect of DIALECTS) {
  describe(`need figures under random sequences on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let admin: { authorization: string };
    let facilityId = '';
    let source = 0;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      admin = (await userWithToken(testDb.database, 'admin')).headers;
      facilityId = (await app.inject({ method: 'POST', url: '/api/v1/facilities', headers: admin, payload: buildFacility({ areaKatottg: LVIV }) })).json<{ id: string }>().id;
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    async function apply(needId: string, s: Step): Promise<void> {
      const { database } = testDb;
      const need = await getNeed(database, ctx.principal, needId);
      // Packs of 10 convert to vials; vials count as they are.
      const countedIn = (packs: boolean) => (packs ? { unit: 'pack', packSize: 10, content: 'powder for injection' } : { unit: 'vials' });
      switch (s.kind) {
        case 'pledge':
        case 'commit':
          await withTransaction(database, (trx) =>
            addNeedLink(trx, database.kind, ctx, { needId, quantity: String(s.quantity), ...countedIn(s.packs), sourceKind: 'transaction', sourceId: `t-${++source}`, stage: s.kind === 'pledge' ? 'pledged' : 'committed' }),
          );
          return;
        case 'receipt':
          await withTransaction(database, (trx) => recordNeedReceipt(trx, database.kind, ctx, { needId, sourceId: `r-${++source}`, accepted: s.accepted, rejected: s.rejected, countedIn: countedIn(s.packs) }));
          return;
        case 'edit':
          await updateNeed(database, ctx, needId, { version: need.version, quantity: String(s.quantity) });
          return;
        case 'close':
          await decideNeed(database, ctx, needId, 'close', { version: need.version, reason: 'will not come' });
          return;
        case 'remove': {
          const links = await database.db.selectFrom('need_links').selectAll().where('need_id', '=', needId).orderBy('id').execute();
          const link = links[s.pick % Math.max(links.length, 1)];
          if (link !== undefined) await withTransaction(database, (trx) => removeNeedLink(trx, database.kind, ctx, need, link, 'property test'));
          return;
        }
      }
    }

    it('keeps pledged, committed, delivered, rejected and uncovered equal to the sums of the links, never negative', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.array(step, { minLength: 1, maxLength: 12 }), async (quantity, steps) => {
          const { database } = testDb;
          const created = await createNeed(database, ctx, { facilityId, category: 'medicine', specification: 'ceftriaxone 1 g', quantity: String(quantity), unit: 'vial', priority: 'high' });
          await decideNeed(database, ctx, created.id, 'approve', { version: created.version });
          for (const s of steps) {
            try {
              await apply(created.id, s);
            } catch (e) {
              // A refusal is an answer (409, 400) and must leave the figures as they were; anything else is a bug.
              if (!(e instanceof AppError) || e.status >= 500) throw e;
            }
            const links = await database.db.selectFrom('need_links').select(['stage', 'quantity']).where('need_id', '=', created.id).execute();
            const sum = (stage: string) => links.filter((l) => l.stage === stage).reduce((a, l) => a + parseDecimal(l.quantity), 0n);
            const got = (await app.inject({ url: `/api/v1/needs/${created.id}`, headers: admin })).json<Need>();
            expect({ pledged: got.pledged, committed: got.committed, delivered: got.delivered, rejected: got.rejected }).toEqual({
              pledged: formatPlain(sum('pledged')), committed: formatPlain(sum('committed')), delivered: formatPlain(sum('delivered')), rejected: formatPlain(sum('rejected')),
            });
            const q = parseDecimal(got.quantity);
            const outstanding = sum('committed') - sum('delivered') - sum('rejected');
            const gap = q - sum('delivered') - (outstanding > 0n ? outstanding : 0n);
            const open = ['approved', 'partially_met'].includes(got.status);
            expect(got.uncovered).toBe(formatPlain(open && gap > 0n ? gap : 0n));
            for (const figure of [got.pledged, got.committed, got.delivered, got.rejected, got.uncovered, got.closedShort]) expect(parseDecimal(figure) >= 0n).toBe(true);
            // The status follows the sums until a decision ends the need.
            if (got.status !== 'closed') expect(got.status).toBe(sum('delivered') >= q ? 'met' : sum('delivered') > 0n || outstanding > 0n ? 'partially_met' : 'approved');
            else expect(got.closedShort).toBe(formatPlain(q - sum('delivered') > 0n ? q - sum('delivered') : 0n));
          }
        }),
        { numRuns: 20 },
      );
    }, 240_000);
  });
}
