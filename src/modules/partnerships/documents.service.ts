import { createHash } from 'node:crypto';
import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { findDocument, insertDocument, type DocumentInfoRow, type DocumentRow } from './agreements.repository.js';
import { getAgreement } from './agreements.service.js';
import { detectDocumentType, DOCUMENT_TYPES } from './document-type.js';
import { assertMayWrite } from './partnerships.access.js';
import { withTransaction } from '../../db/transaction.js';

export interface Upload {
  filename: string;
  /** The Content-Type the client sent; checked against the bytes unless it is the generic octet-stream. */
  declaredType: string | undefined;
  bytes: Buffer;
}

/**
 * Attaches a document to an agreement. The type is what the bytes are (magic
 * numbers), the size is checked against the setting, and the SHA-256 is stored
 * with the bytes so anyone can prove later that the file is the one attached.
 */
export async function attachDocument(database: Database, ctx: CallContext, agreementId: string, upload: Upload, limitBytes: number): Promise<DocumentInfoRow> {
  assertMayWrite(ctx.principal);
  await getAgreement(database, ctx.principal, agreementId);
  if (upload.bytes.length > limitBytes) {
    throw new AppError('payload_too_large', `The document is ${upload.bytes.length} bytes; the limit is ${limitBytes} bytes (CAREBRIDGE_DOCUMENT_LIMIT).`, {
      errors: [{ path: '/file', message: `is ${upload.bytes.length} bytes, over the limit of ${limitBytes}` }],
    });
  }
  if (upload.bytes.length === 0) throw invalid([{ path: '/file', message: 'is empty' }]);
  const mediaType = detectDocumentType(upload.bytes);
  if (mediaType === undefined) throw invalid([{ path: '/file', message: `is not one of the allowed types (${DOCUMENT_TYPES.join(', ')}), judged by its content` }]);
  const declared = upload.declaredType?.split(';')[0]?.trim().toLowerCase();
  if (declared !== undefined && declared !== 'application/octet-stream' && declared !== mediaType) {
    throw invalid([{ path: '/file', message: `is declared as ${declared} but its content is ${mediaType}` }]);
  }
  const row: DocumentRow = {
    id: newId(),
    agreement_id: agreementId,
    filename: upload.filename,
    media_type: mediaType,
    size_bytes: upload.bytes.length,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
    content: upload.bytes,
    created_at: nowIso(),
  };
  const { content: _content, ...info } = row;
  await withTransaction(database, async (trx) => {
    await insertDocument(trx, row);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'agreement_document', entityId: row.id, change: info }]);
  });
  return info;
}

/** A document, only to those who may read its agreement. */
export async function readDocument(database: Database, principal: Principal | null, agreementId: string, documentId: string): Promise<DocumentRow> {
  await getAgreement(database, principal, agreementId);
  const row = await findDocument(database.db, agreementId, documentId);
  if (row === undefined) throw notFound('document', documentId);
  return row;
}
