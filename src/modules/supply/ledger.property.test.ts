import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../../../test/support/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { userWithToken } from '../../../test/support/factories.js';
import { systemContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { balanceOf } from './ledger.repository.js';
import { applyMoves, reconcileStock, type MoveInput } from './ledger.service.js';
import { insertLots } from './lots.repository.js';
import { reverseMove } from './stock.service.js';
import { makeDonor, makeProduct, makeWarehouse } from './supply.testkit.js';
import { withTransaction } from '../../db/transaction.js';

/** An operation on N_LOCATIONS × N_LOTS: quantities small enough that shortfalls happen often. */
type Op =
  | { op: 'in'; kind: 'receipt' | 'count_adjustment'; to: number; lot: number; qty: number }
  | { op: 'out'; kind: 'consumption' | 'damage' | 'expiry_write_off' | 'count_adjustment'; from: number; lot: number; qty: number }
  | { op: 'move'; kind: 'dispatch' | 'transfer'; from: number; to: number; lot: number; qty: number }
  | { op: 'reverse'; pick: number };

const N_LOCATIONS = 3;
const N_LOTS = 2;
const loc = fc.integer({ min: 0, max: N_LOCATIONS - 1 });
const lot = fc.integer({ min: 0, max: N_LOTS - 1 });
const qty = fc.integer({ min: 1, max: 40 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('in' as const), kind: fc.constantFrom('receipt' as const, 'count_adjustment' as const), to: loc, lot, qty }),
  fc.record({ op: fc.constant('out' as const), kind: fc.constantFrom('consumption' as const, 'damage' as const, 'expiry_write_off' as const, 'count_adjustment' as const), from: loc, lot, qty }),
  fc.record({ op: fc.constant('move' as const), kind: fc.constantFrom('dispatch' as const, 'transfer' as const), from: loc, to: loc, lot, qty }).filter((m) => m.from !== m.to),
  fc.record({ op: fc.constant('reverse' as const), pick: fc.nat() }),
);

for (const dialect of DIALECTS) {
  describe(`stock ledger invariants on ${dialect}`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let locations: string[] = [];
    let productId = '';
    let donorId = '';
    const ctx = systemContext('property-test');

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      app = await appFor(testDb);
      const admin = (await userWithToken(testDb.database, 'admin')).headers;
      donorId = (await makeDonor(app, admin)).id;
      productId = (await makeProduct(app, admin)).id;
      locations = [];
      for (let i = 0; i < N_LOCATIONS; i++) locations.push((await makeWarehouse(app, admin, 'UA46000000000026241', `W${i}`)).id);
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    /** Fresh lots for each run, so every run starts from zero balances. */
    async function freshLots(): Promise<string[]> {
      const at = nowIso();
      const rows = Array.from({ length: N_LOTS }, (_, i) => ({ id: newId(), product_id: productId, lot_code: `P${newId().slice(-10)}${i}`, expiry: '2030-01-01', gtin: null, donor_org_id: donorId, shipment_id: null, status: 'available', status_reason: null, created_at: at, updated_at: at, version: 1 }));
      await insertLots(testDb.database.db, rows);
      return rows.map((r) => r.id);
    }

    const inputOf = (o: Exclude<Op, { op: 'reverse' }>, lots: string[]): MoveInput => ({
      kind: o.kind,
      lotId: lots[o.lot] as string,
      productId,
      from: o.op === 'in' ? null : (locations[o.from] as string),
      to: o.op === 'out' ? null : (locations[o.to] as string),
      quantity: o.qty,
    });

    it('balances equal the ledger sums and never go negative, for random move sequences', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
          const lots = await freshLots();
          const model = new Map<string, number>();
          const key = (l: number, lo: number) => `${l}|${lo}`;
          const done: { id: string; kind: string; from: number | null; to: number | null; lot: number; qty: number; reversed: boolean }[] = [];
          for (const o of ops) {
            let from: number | null;
            let to: number | null;
            let lotIndex: number;
            let amount: number;
            let attempt: () => Promise<string>;
            if (o.op === 'reverse') {
              const open = done.filter((d) => !d.reversed && d.kind !== 'reversal');
              const target = open[o.pick % Math.max(open.length, 1)];
              if (target === undefined) continue;
              [from, to, lotIndex, amount] = [target.to, target.from, target.lot, target.qty];
              attempt = async () => {
                const r = await reverseMove(testDb.database, ctx, target.id, 'property test');
                target.reversed = true;
                return r.id;
              };
            } else {
              from = o.op === 'in' ? null : o.from;
              to = o.op === 'out' ? null : o.to;
              lotIndex = o.lot;
              amount = o.qty;
              attempt = async () => (await withTransaction(testDb.database, (trx) => applyMoves(trx, ctx, [inputOf(o, lots)], nowIso())))[0]?.id as string;
            }
            const wouldGoNegative = from !== null && (model.get(key(from, lotIndex)) ?? 0) < amount;
            try {
              const id = await attempt();
              expect(wouldGoNegative).toBe(false);
              if (from !== null) model.set(key(from, lotIndex), (model.get(key(from, lotIndex)) ?? 0) - amount);
              if (to !== null) model.set(key(to, lotIndex), (model.get(key(to, lotIndex)) ?? 0) + amount);
              done.push({ id, kind: o.op === 'reverse' ? 'reversal' : o.kind, from, to, lot: lotIndex, qty: amount, reversed: false });
            } catch (e) {
              // Refused moves must be exactly those that would take a balance below zero.
              if (!(e instanceof AppError) || !wouldGoNegative) throw e;
            }
          }
          for (let l = 0; l < N_LOCATIONS; l++) {
            for (let lo = 0; lo < N_LOTS; lo++) {
              const stored = await balanceOf(testDb.database.db, locations[l] as string, lots[lo] as string);
              expect(stored).toBe(model.get(key(l, lo)) ?? 0);
              expect(stored).toBeGreaterThanOrEqual(0);
            }
          }
          const verdict = await reconcileStock(testDb.database);
          expect(verdict.differences).toEqual([]);
        }),
        { numRuns: dialect === 'sqlite' ? 40 : 20 },
      );
    }, 240_000);

    it('a reversal restores every balance exactly', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.record({ to: loc, lot, qty }), { minLength: 1, maxLength: 6 }), opArb.filter((o) => o.op !== 'reverse'), async (stock, o) => {
          const lots = await freshLots();
          await withTransaction(testDb.database, (trx) => applyMoves(trx, ctx, stock.map((s) => ({ kind: 'receipt', lotId: lots[s.lot] as string, productId, from: null, to: locations[s.to] as string, quantity: s.qty })), nowIso()));
          const snapshot = async () => Promise.all(locations.flatMap((l) => lots.map((lo) => balanceOf(testDb.database.db, l, lo))));
          const before = await snapshot();
          let moved: string;
          try {
            moved = (await withTransaction(testDb.database, (trx) => applyMoves(trx, ctx, [inputOf(o, lots)], nowIso())))[0]?.id ?? '';
          } catch (e) {
            if (e instanceof AppError) return; // short stock: nothing to reverse
            throw e;
          }
          expect(await snapshot()).not.toEqual(before);
          await reverseMove(testDb.database, ctx, moved, 'restore');
          expect(await snapshot()).toEqual(before);
          // A move is reversed at most once.
          await expect(reverseMove(testDb.database, ctx, moved, 'again')).rejects.toThrow('already reversed');
        }),
        { numRuns: dialect === 'sqlite' ? 40 : 20 },
      );
    }, 240_000);
  });
}
