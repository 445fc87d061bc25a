import type { FieldProblem } from '../api/client.js';
import { isDue, outcomeOf, type OutboxKind, type OutboxRecord, type ReviewNotice, type SendAnswer } from './outbox-queue.js';

/** Where the outbox lives (IndexedDB in the browser; any implementation with the same four operations). */
export interface OutboxStore {
  list(): Promise<OutboxRecord[]>;
  put(record: OutboxRecord): Promise<void>;
  remove(clientId: string): Promise<void>;
  addNotice(notice: ReviewNotice): Promise<void>;
}

/** The answer to one POST /api/v1/sync: per-record results on 202, otherwise the problem of the whole batch. */
export interface BatchAnswer extends SendAnswer {
  results?: readonly { clientId: string; status: number; detail: string | null; errors: FieldProblem[] }[];
}

/** Sends one batch; never throws: a request that does not reach the server answers status 0. */
export type SyncTransport = (records: readonly { clientId: string; kind: OutboxKind; body: Record<string, unknown> }[]) => Promise<BatchAnswer>;

export interface SendSummary {
  sent: number;
  review: number;
  failed: number;
  retry: number;
}

const BATCH = 50;
const transport = (s: number) => s === 0 || s === 401 || s === 408 || s === 429 || s >= 500;

/** Each record's answer; a batch refused whole for its shape (400) or size (413) is split so one bad record fails alone. */
async function answersFor(chunk: readonly OutboxRecord[], send: SyncTransport): Promise<Map<string, SendAnswer>> {
  const answer = await send(chunk.map((r) => ({ clientId: r.clientId, kind: r.kind, body: r.body })));
  if (answer.status === 202 && answer.results !== undefined) {
    const byId = new Map(answer.results.map((r) => [r.clientId, { status: r.status, detail: r.detail ?? '', errors: r.errors }]));
    // A record the server did not answer for is treated as not delivered.
    return new Map(chunk.map((r) => [r.clientId, byId.get(r.clientId) ?? { status: 0, detail: '', errors: [] }]));
  }
  if ((answer.status === 400 || answer.status === 413) && chunk.length > 1) {
    const answers = new Map<string, SendAnswer>();
    for (const record of chunk) for (const [id, a] of await answersFor([record], send)) answers.set(id, a);
    return answers;
  }
  return new Map(chunk.map((r) => [r.clientId, { status: answer.status, detail: answer.detail, errors: answer.errors }]));
}

/**
 * Sends the owner's due records in batches and applies each answer to the store (see outcomeOf). Stops at the
 * first batch that could not get through: the rest would fail the same way, and their back-off is untouched.
 */
export async function sendDue(
  store: OutboxStore,
  send: SyncTransport,
  owner: string,
  options: { now?: () => Date; random?: () => number; force?: boolean; batchSize?: number; /** Each record the server took, once it has left the store. */ onDelivered?: (record: OutboxRecord) => void } = {},
): Promise<SendSummary> {
  const now = options.now ?? (() => new Date());
  const summary: SendSummary = { sent: 0, review: 0, failed: 0, retry: 0 };
  const due = (await store.list()).filter((r) => isDue(r, owner, now().getTime(), options.force)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const size = options.batchSize ?? BATCH;
  for (let i = 0; i < due.length; i += size) {
    const chunk = due.slice(i, i + size);
    const answers = await answersFor(chunk, send);
    let unreachable = true;
    for (const record of chunk) {
      const answer = answers.get(record.clientId) ?? { status: 0, detail: '', errors: [] };
      if (!transport(answer.status)) unreachable = false;
      const outcome = outcomeOf(record, answer, now(), options.random);
      switch (outcome.type) {
        case 'remove':
          await store.remove(record.clientId);
          summary.sent += 1;
          options.onDelivered?.(record);
          break;
        case 'review':
          await store.addNotice(outcome.notice);
          await store.remove(record.clientId);
          summary.review += 1;
          break;
        case 'failed':
          await store.put(outcome.record);
          summary.failed += 1;
          break;
        case 'retry':
          await store.put(outcome.record);
          summary.retry += 1;
          break;
      }
    }
    if (unreachable) break;
  }
  return summary;
}
