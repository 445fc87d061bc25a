import fs from 'node:fs';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { parseCheckpointFile } from './audit.checkpoints.js';
import { takeCheckpoint, verifyAudit } from './audit.service.js';

const USAGE = 'Usage: carebridge audit verify [--checkpoint FILE] | carebridge audit checkpoint';

/** `carebridge audit checkpoint` and `carebridge audit verify [--checkpoint FILE]`; returns the exit code. */
export async function auditCommand(database: Database, key: string | undefined, sub: string | undefined, checkpointFile: string | undefined, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (sub === 'checkpoint') {
    const checkpoint = await takeCheckpoint(database, key);
    if (checkpoint.mac === null) err.write('warning: CAREBRIDGE_AUDIT_KEY is not set, so this checkpoint is unsigned and was not stored: it proves the log only as well as you keep this output.\n');
    else err.write(`Checkpoint of event ${checkpoint.seq} signed and stored; keep the line below outside this server (it is what --checkpoint reads).\n`);
    out.write(`${JSON.stringify(checkpoint)}\n`);
    return 0;
  }
  if (sub !== 'verify') throw new AppError('validation_failed', USAGE);
  let external;
  if (checkpointFile !== undefined) {
    if (!fs.existsSync(checkpointFile)) throw new AppError('validation_failed', `No such checkpoint file: ${checkpointFile}`);
    external = parseCheckpointFile(await fs.promises.readFile(checkpointFile, 'utf8'), checkpointFile);
  }
  const verdict = await verifyAudit(database.db, { key, external });
  if (verdict.ok) out.write(`Audit log intact: ${verdict.count} events.\n${verdict.assurance}\n`);
  else err.write(`Audit log BROKEN at event ${verdict.brokenSeq ?? 0}: ${verdict.reason ?? ''}.\n${verdict.assurance}\n`);
  return verdict.ok ? 0 : 1;
}
