import { createHash } from 'node:crypto';
import type { AuditRow } from './audit.repository.js';

/** The chain starts from this "previous hash". */
export const GENESIS_HASH = '0'.repeat(64);

/** An event's hash: its predecessor's hash and every field but its own hashes. */
export function hashOf(prevHash: string, row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(JSON.stringify([row.seq, row.at, row.actor, row.action, row.entity, row.entity_id, row.change, row.request_id]))
    .digest('hex');
}
