import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { macMatches, type AuditCheckpoint } from './audit.checkpoints.js';
import { eventsAfter, listCheckpoints } from './audit.repository.js';
import { GENESIS_HASH, hashOf } from './audit.hash.js';

interface Range {
  from: number;
  to: number;
}

export interface AuditVerdict {
  ok: boolean;
  /** Events verified (before the first problem, when there is one). */
  count: number;
  /** The last event present in the database (0 for an empty log). */
  headSeq: number;
  /** The event where the problem shows: the altered one, the first missing one, the checkpoint that disagrees. */
  brokenSeq?: number;
  reason?: string;
  /** Events gone: a gap in the middle, or a cut tail shown by a checkpoint beyond the last event. */
  missing?: Range;
  /** One of these events was altered and the chain recomputed after it (the range between two checkpoints). */
  altered?: Range;
  checkpoints: { stored: number; latestSeq: number | null; macsChecked: boolean };
  external: { seq: number; signed: boolean; macChecked: boolean } | null;
  /** What this verification proves and what it cannot, given the key and checkpoints it had. */
  assurance: string;
}

export interface VerifyOptions {
  /** CAREBRIDGE_AUDIT_KEY: without it, MACs cannot be checked. */
  key?: string | undefined;
  /** A checkpoint the operator kept outside the database (`carebridge audit checkpoint`). */
  external?: AuditCheckpoint | undefined;
}

const events = (r: Range): string => (r.from === r.to ? `event ${r.from} is` : `events ${r.from}–${r.to} are`);

function assuranceOf(key: string | undefined, stored: readonly { seq: number }[], external: AuditCheckpoint | undefined): string {
  const latest = stored.at(-1)?.seq;
  const parts: string[] = [];
  if (key === undefined) {
    parts.push('CAREBRIDGE_AUDIT_KEY is not set: this proves each event is unchanged and linked to the one before it (an altered, removed or reordered event in the middle is found), but not that the log is complete at its end, nor that it was not rewritten with every hash recomputed.');
    if (stored.length > 0) parts.push(`${stored.length} stored checkpoint(s) were compared with the chain, but their MACs cannot be checked without the key, so whoever can write the database could have forged them.`);
  } else if (latest === undefined) {
    parts.push('No signed checkpoint is stored yet (one is written every CAREBRIDGE_AUDIT_CHECKPOINT_EVERY events, or by `carebridge audit checkpoint`): only the chain itself was checked, which does not prove the log is complete at its end.');
  } else {
    parts.push(`${stored.length} signed checkpoint(s), the latest at event ${latest}, cover the log up to event ${latest} against a cut or a rewrite; events after it, or a tail cut together with its checkpoints, are covered only by a checkpoint kept outside the database.`);
  }
  if (external !== undefined) {
    if (external.mac === null) parts.push(`The checkpoint file is unsigned: it covers the log up to event ${external.seq} only as well as the file itself was kept safe.`);
    else if (key === undefined) parts.push(`The checkpoint file is signed, but its MAC cannot be checked without the key; its seq and hash were compared.`);
    else parts.push(`The signed checkpoint file covers the log up to event ${external.seq}.`);
  }
  return parts.join(' ');
}

/**
 * Walks the whole chain, then holds it against the checkpoints. The chain alone catches a changed row (its
 * own hash), a deleted row (a gap in seq) and a reordered one (it no longer links to its predecessor). A
 * checkpoint beyond the last event shows a cut tail; a checkpoint whose hash differs shows a chain that
 * was rewritten and recomputed. Only checkpoints whose MAC verifies (key set) are proof against someone
 * who can write the database; one kept outside it also survives its deletion.
 */
export async function verifyAudit(db: Kysely<DB>, options: VerifyOptions = {}): Promise<AuditVerdict> {
  const { key, external } = options;
  const stored = await listCheckpoints(db);
  const base = {
    checkpoints: { stored: stored.length, latestSeq: stored.at(-1)?.seq ?? null, macsChecked: key !== undefined },
    external: external === undefined ? null : { seq: external.seq, signed: external.mac !== null, macChecked: key !== undefined && external.mac !== null },
    assurance: assuranceOf(key, stored, external),
  };
  // The chain's hash at each checkpointed seq, kept during the walk to compare afterwards.
  const wanted = new Set([...stored.map((c) => c.seq), ...(external === undefined ? [] : [external.seq])]);
  const hashAt = new Map<number, string>([[0, GENESIS_HASH]]);

  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let count = 0;
  const broken = (problem: { brokenSeq: number; reason: string; missing?: Range; altered?: Range }): AuditVerdict => ({ ok: false, count, headSeq: expectedSeq - 1, ...problem, ...base });
  for (;;) {
    const batch = await eventsAfter(db, expectedSeq - 1, 5000);
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.seq !== expectedSeq) {
        const missing = { from: expectedSeq, to: row.seq - 1 };
        return broken({ brokenSeq: expectedSeq, missing, reason: `${events(missing)} missing (the next present is event ${row.seq})` });
      }
      if (row.prev_hash !== prev) return broken({ brokenSeq: row.seq, reason: `event ${row.seq} does not link to event ${row.seq - 1} (removed, reordered or swapped)` });
      const { hash, prev_hash: _prev, ...rest } = row;
      if (hashOf(prev, rest) !== hash) return broken({ brokenSeq: row.seq, reason: `event ${row.seq} was altered (hash mismatch)` });
      if (wanted.has(row.seq)) hashAt.set(row.seq, hash);
      prev = hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  const headSeq = count;

  // A checkpoint is believed only once its MAC verifies: a forged one must not frame or clear anything.
  if (key !== undefined) {
    const forged = stored.find((c) => !macMatches(key, c.seq, c.hash, c.mac));
    if (forged !== undefined) return broken({ brokenSeq: forged.seq, reason: `the checkpoint stored for event ${forged.seq} has no valid MAC: it was forged or edited in the database, or made with another CAREBRIDGE_AUDIT_KEY` });
    if (external !== undefined && external.mac !== null && !macMatches(key, external.seq, external.hash, external.mac)) {
      return broken({ brokenSeq: external.seq, reason: `the checkpoint file's MAC does not match: the file was edited, or made with another CAREBRIDGE_AUDIT_KEY` });
    }
  }

  // Rewritten and recomputed: the chain links, but its hash at a checkpoint is not the one signed then.
  let lastGood = 0;
  const differs = (c: { seq: number; hash: string }): Range | undefined => (c.seq <= headSeq && hashAt.get(c.seq) !== c.hash ? { from: lastGood + 1, to: c.seq } : undefined);
  for (const c of stored) {
    if (c.seq > headSeq) break;
    const altered = differs(c);
    if (altered !== undefined) return broken({ brokenSeq: c.seq, altered, reason: `event ${c.seq} differs from the checkpoint stored for it: one of events ${altered.from}–${altered.to} was altered and every hash after it recomputed` });
    lastGood = c.seq;
  }
  if (external !== undefined) {
    lastGood = stored.filter((c) => c.seq < external.seq).at(-1)?.seq ?? 0;
    const altered = differs(external);
    if (altered !== undefined) return broken({ brokenSeq: external.seq, altered, reason: `event ${external.seq} differs from the checkpoint kept outside: one of events ${altered.from}–${altered.to} was altered and every hash after it recomputed` });
  }

  // A cut tail: a checkpoint says the log reached further than it does. The file outside is named when
  // it reaches as far, being the stronger witness.
  const storedEnd = stored.at(-1)?.seq ?? 0;
  const claimedEnd = Math.max(storedEnd, external?.seq ?? 0);
  if (claimedEnd > headSeq) {
    const missing = { from: headSeq + 1, to: claimedEnd };
    const witness = external !== undefined && external.seq === claimedEnd ? 'the checkpoint kept outside' : 'the checkpoint stored in the database';
    return broken({ brokenSeq: missing.from, missing, reason: `${events(missing)} missing: ${witness} says the log reached event ${claimedEnd}` });
  }
  return { ok: true, count, headSeq, ...base };
}
