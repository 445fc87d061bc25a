import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.js';

/** A signed head of the audit chain: what `carebridge audit checkpoint` prints for the operator to keep elsewhere. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  /** HMAC-SHA256 (hex) over (seq, hash) with CAREBRIDGE_AUDIT_KEY; null when no key was configured. */
  mac: string | null;
  at: string;
}

export interface AuditSigning {
  /** CAREBRIDGE_AUDIT_KEY, or undefined: no checkpoints are written. */
  readonly key: string | undefined;
  /** A checkpoint at every event whose seq is a multiple of this. */
  readonly every: number;
}

let signing: AuditSigning = Object.freeze({ key: undefined, every: 100 });

/**
 * Set once at start (server or CLI) from the configuration. Process-wide, like the logger, because
 * appendAudit is called from every write in every module and the key must not travel through all of them.
 */
export function configureAuditSigning(settings: AuditSigning): void {
  signing = Object.freeze({ ...settings });
}

export const auditSigning = (): AuditSigning => signing;

/** The domain tag keeps a MAC made for a checkpoint from being valid for anything else signed with the same key. */
export function checkpointMac(key: string, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`carebridge-audit-checkpoint\n${seq}\n${hash}`).digest('hex');
}

export function macMatches(key: string, seq: number, hash: string, mac: string): boolean {
  const expected = Buffer.from(checkpointMac(key, seq, hash), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads a checkpoint file kept outside the database; a malformed one is bad input, named field by field. */
export function parseCheckpointFile(text: string, file: string): AuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('validation_failed', `${file} is not JSON: expected what \`carebridge audit checkpoint\` prints, e.g. {"seq":1000,"hash":"…","mac":"…","at":"…"}.`);
  }
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const errors: { path: string; message: string }[] = [];
  if (!Number.isSafeInteger(o.seq) || (o.seq as number) < 0) errors.push({ path: '/seq', message: 'must be a whole number, 0 or more' });
  if (typeof o.hash !== 'string' || !/^[0-9a-f]{64}$/.test(o.hash)) errors.push({ path: '/hash', message: 'must be 64 lower-case hex digits (SHA-256)' });
  if (o.mac !== null && (typeof o.mac !== 'string' || !/^[0-9a-f]{64}$/.test(o.mac))) errors.push({ path: '/mac', message: 'must be 64 lower-case hex digits (HMAC-SHA256) or null' });
  if (typeof o.at !== 'string') errors.push({ path: '/at', message: 'must be the time the checkpoint was taken' });
  if (errors.length > 0) throw new AppError('validation_failed', `${file} is not an audit checkpoint: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, { errors });
  return { seq: o.seq as number, hash: o.hash as string, mac: o.mac as string | null, at: o.at as string };
}
