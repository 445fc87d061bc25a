import { describe, expect, it } from 'vitest';
import { backoffMs, correctedRecord, isDue, newOutboxRecord, outboxExport, outcomeOf, type OutboxRecord } from './outbox-queue.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const record = (overrides: Partial<OutboxRecord> = {}): OutboxRecord => ({ ...newOutboxRecord({ kind: 'status_report', body: { facilityId: 'f' }, owner: 'u1', label: 'Clinic · 1 March' }, NOW), ...overrides });

describe('the outbox queue', () => {
  it('gives each record its own time-ordered UUIDv7, made on the device', () => {
    const ids = Array.from({ length: 50 }, () => record().clientId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort()).toEqual(ids);
  });

  it('backs off exponentially from 5 s to a 10-minute cap, with jitter in the upper half', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 1))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0))).toEqual([2_500, 5_000, 10_000, 20_000]);
    expect(backoffMs(30, () => 1)).toBe(600_000);
    expect(backoffMs(30, () => 0)).toBe(300_000);
    for (let n = 1; n < 12; n += 1) expect(backoffMs(n + 1, () => 0.5)).toBeGreaterThanOrEqual(backoffMs(n, () => 0.5));
  });

  it('sends only the waiting records of the signed-in user whose back-off has run out, unless forced', () => {
    const later = NOW.getTime() + 60_000;
    expect(isDue(record(), 'u1', NOW.getTime())).toBe(true);
    expect(isDue(record(), 'u2', NOW.getTime())).toBe(false);
    expect(isDue(record({ state: 'failed' }), 'u1', NOW.getTime(), true)).toBe(false);
    expect(isDue(record({ nextAttemptAt: later }), 'u1', NOW.getTime())).toBe(false);
    expect(isDue(record({ nextAttemptAt: later }), 'u1', later)).toBe(true);
    expect(isDue(record({ nextAttemptAt: later }), 'u1', NOW.getTime(), true)).toBe(true);
  });

  it('removes an accepted record, and a conflicting one with a notice for the user', () => {
    const r = record();
    expect(outcomeOf(r, { status: 202, detail: '', errors: [] }, NOW)).toEqual({ type: 'remove' });
    expect(outcomeOf(r, { status: 409, detail: 'sent to the review inbox', errors: [] }, NOW)).toEqual({
      type: 'review',
      notice: { clientId: r.clientId, kind: 'status_report', label: 'Clinic · 1 March', detail: 'sent to the review inbox', at: NOW.toISOString() },
    });
  });

  it('keeps a refused record as failed with the server’s reasons, and does not retry it', () => {
    const errors = [{ path: '/buildingCondition', message: 'must be equal to one of the allowed values' }];
    for (const status of [400, 403, 404, 422]) {
      const outcome = outcomeOf(record(), { status, detail: 'not valid', errors }, NOW);
      expect(outcome.type).toBe('failed');
      if (outcome.type !== 'failed') continue;
      expect(outcome.record).toMatchObject({ state: 'failed', attempts: 0, error: { status, detail: 'not valid', errors } });
      expect(isDue(outcome.record, 'u1', Number.MAX_SAFE_INTEGER, true)).toBe(false);
    }
  });

  it('keeps a record that did not get through (network, session, server) and schedules the next try', () => {
    for (const status of [0, 401, 408, 429, 500, 502, 503]) {
      const outcome = outcomeOf(record({ attempts: 2 }), { status, detail: status === 0 ? '' : 'down', errors: [] }, NOW, () => 1);
      expect(outcome.type, String(status)).toBe('retry');
      if (outcome.type !== 'retry') continue;
      expect(outcome.record.state).toBe('waiting');
      expect(outcome.record.attempts).toBe(3);
      expect(outcome.record.nextAttemptAt).toBe(NOW.getTime() + 20_000);
      expect(outcome.record.error).toEqual(status === 0 ? null : { status, detail: 'down', errors: [] });
    }
  });

  it('starts a corrected record afresh under the same client id', () => {
    const failed = record({ state: 'failed', attempts: 4, nextAttemptAt: 99, error: { status: 400, detail: 'x', errors: [] } });
    const fixed = correctedRecord(failed, { facilityId: 'g' }, 'Other clinic');
    expect(fixed).toEqual({ ...failed, body: { facilityId: 'g' }, label: 'Other clinic', state: 'waiting', attempts: 0, nextAttemptAt: 0, error: null });
  });

  it('exports the records in the envelope the sync endpoint takes', () => {
    const a = record();
    const b = record({ state: 'failed', error: { status: 400, detail: 'bad', errors: [] } });
    const file = JSON.parse(outboxExport([a, b], NOW)) as { format: string; exportedAt: string; records: unknown[]; details: { clientId: string; state: string; error: unknown }[] };
    expect(file.format).toBe('carebridge-outbox');
    expect(file.exportedAt).toBe(NOW.toISOString());
    // Only the fields the sync envelope allows (it refuses any other).
    expect(file.records).toEqual([
      { clientId: a.clientId, kind: 'status_report', body: a.body },
      { clientId: b.clientId, kind: 'status_report', body: b.body },
    ]);
    expect(file.details.map((d) => [d.clientId, d.state, d.error])).toEqual([
      [a.clientId, 'waiting', null],
      [b.clientId, 'failed', { status: 400, detail: 'bad', errors: [] }],
    ]);
  });
});
