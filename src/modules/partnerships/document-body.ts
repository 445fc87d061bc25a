import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';

/**
 * Reads a document body as bytes, whatever its declared type (the content is
 * judged by its magic bytes later), stopping at the size limit so an oversized
 * upload is refused with the field named instead of being buffered whole.
 */
export function installDocumentBodyParser(app: FastifyInstance, limitBytes: number): void {
  app.addContentTypeParser('*', (_request: FastifyRequest, payload, done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    payload.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limitBytes) {
        refused = true;
        // Keep draining without storing, so the client gets the answer instead of a reset connection.
        done(new AppError('payload_too_large', `The document is larger than the limit of ${limitBytes} bytes (CAREBRIDGE_DOCUMENT_LIMIT).`, { errors: [{ path: '/file', message: `is over the limit of ${limitBytes} bytes` }] }), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (!refused) done(null, Buffer.concat(chunks));
    });
    payload.on('error', (e: Error) => {
      if (!refused) done(e, undefined);
    });
  });
}
