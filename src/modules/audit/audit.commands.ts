import fs from 'node:fs';
import { defineCommand } from '../../cli/command.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { parseCheckpointFile } from './audit.checkpoints.js';
import { takeCheckpoint, verifyAudit } from './audit.service.js';

/** Checks the audit log (and, with a file, a checkpoint kept outside the database); returns the exit code, 1 when broken. */
export async function verifyAuditLog(database: Database, key: string | undefined, checkpointFile: string | undefined, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
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

export const auditVerifyCommand = defineCommand({
  name: ['audit', 'verify'],
  summary: "check the audit log's hash chain, its signed checkpoints and, with FILE, a checkpoint kept outside the database (names the event or missing range)",
  description:
    "check the audit log's SHA-256 chain, its signed checkpoints and, with FILE, a checkpoint kept outside the database; exit 1 naming the altered event, the missing range or the rewritten range, and say what the check proves with the settings it had",
  options: { checkpoint: { type: 'string', value: 'FILE', help: 'a line `audit checkpoint` printed, kept outside the database' } },
  handler: async (args, { open, stdout, stderr }) => {
    const { config, database } = await open();
    return verifyAuditLog(database, config.auditKey, args.checkpoint, stdout, stderr);
  },
});

export const auditCheckpointCommand = defineCommand({
  name: ['audit', 'checkpoint'],
  summary: "sign the log's head and print it as JSON, to keep outside the database",
  description: "sign the chain's head (with `CAREBRIDGE_AUDIT_KEY`), store it, and print it as one JSON line `{seq, hash, mac, at}` to keep outside the server",
  handler: async (_args, { open, stdout, stderr }) => {
    const { config, database } = await open();
    const checkpoint = await takeCheckpoint(database, config.auditKey);
    if (checkpoint.mac === null) stderr.write('warning: CAREBRIDGE_AUDIT_KEY is not set, so this checkpoint is unsigned and was not stored: it proves the log only as well as you keep this output.\n');
    else stderr.write(`Checkpoint of event ${checkpoint.seq} signed and stored; keep the line below outside this server (it is what --checkpoint reads).\n`);
    stdout.write(`${JSON.stringify(checkpoint)}\n`);
    return 0;
  },
});
