import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, pipeline, Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';

export interface PublicCacheOptions {
  /** A token that changes whenever the data changes (see dataVersion); read once per request. */
  readVersion: () => Promise<string>;
  /** Most bytes of bodies held at once; the least recently used go first. */
  maxBytes: number;
  /** Most responses held at once. */
  maxEntries?: number;
  /** A larger body (a national export) is not kept, though it still gets its ETag and 304. */
  maxEntryBytes?: number;
  /**
   * Who a signed-in caller's answer is for, on a route that may be cached for them too (undefined: not cached).
   * Callers with the same key must be shown exactly the same answer.
   */
  viewerOf?: (request: FastifyRequest) => string | undefined;
}

interface Entry {
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers a stored response is answered with again; never a cookie or a per-request header. */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'cache-control'];

interface Pending {
  key: string;
  version: string;
}

/** What a signed-in caller's answer is kept with: private to their browser, which asks again each time (ETag). */
const PRIVATE = 'private, no-cache';

const pending = new WeakMap<FastifyRequest, Pending>();

const tagOf = (text: string): string => `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;

/** Does an If-None-Match header name this ETag (or *)? Weak and strong forms compare equal (RFC 9110 §13.1.2). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Answers anonymous GETs of public routes from memory while the data has not
 * changed, so a crowd asking for a national total costs one computation per
 * change. The ETag is derived from the data's version (not the body), so a
 * client's If-None-Match is answered 304 before anything is computed, even for
 * a streamed export too large to keep. Entries are keyed by version, path and
 * query (when the route takes one); a new version empties the cache. A signed-in caller's answer may depend on who
 * asks: it is kept or served only where `viewerOf` names who it is for, keyed (and its ETag made) with that name,
 * so one viewer's answer or 304 never reaches another (a browser shared by two people included).
 */
export class PublicCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private version: string | undefined;
  private versionTag = '';
  /** Part of every ETag, so a new release (which may format the same data differently) never gets a 304 for an old body. */
  private readonly instance = randomBytes(6).toString('base64url');
  private readonly maxEntries: number;
  private readonly maxEntryBytes: number;

  constructor(private readonly options: PublicCacheOptions) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.maxEntryBytes = options.maxEntryBytes ?? Math.floor(options.maxBytes / 2);
  }

  /** Route-level preHandler: 304, a stored answer, or note what to store once the handler has answered. */
  readonly preHandler: preHandlerAsyncHookHandler = async (request, reply) => {
    if (request.method !== 'GET') return;
    const viewer = request.principal === null ? '' : this.options.viewerOf?.(request);
    if (viewer === undefined) return;
    const version = await this.options.readVersion();
    if (version !== this.version) this.reset(version);
    const etag = viewer === '' ? this.versionTag : tagOf(`${this.versionTag}\n${viewer}`);
    void reply.header('etag', etag);
    if (viewer !== '') void reply.header('cache-control', PRIVATE);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    // A route that takes no query answers the same whatever query is sent: one entry, so junk parameters cannot
    // push real answers out. (Routes with a query schema refuse unknown parameters.)
    const url = request.routeOptions.schema?.querystring === undefined ? (request.url.split('?')[0] ?? request.url) : request.url;
    const key = `${viewer}\n${url}`;
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return reply.headers(entry.headers).header('x-cache', 'hit').send(entry.body);
    }
    pending.set(request, { key, version });
  };

  /** Route-level onSend: keeps a 200 answer (buffered, or copied as a stream passes through). */
  readonly onSend = async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const job = pending.get(request);
    if (job === undefined) return payload;
    pending.delete(request);
    if (reply.statusCode !== 200) {
      reply.removeHeader('etag');
      return payload;
    }
    void reply.header('x-cache', 'miss');
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-cache');
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      this.store(job, headers, Buffer.from(payload));
      return payload;
    }
    if (payload instanceof Readable) return this.copying(payload, job, headers);
    return payload;
  };

  /** Held responses and their body bytes (for tests and logs). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private reset(version: string): void {
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
    this.versionTag = tagOf(`${this.instance}\n${version}`);
  }

  private store(job: Pending, headers: Record<string, string>, body: Buffer): void {
    // The data changed while this answer was computed: it belongs to no current key.
    if (job.version !== this.version || body.length > this.maxEntryBytes) return;
    this.entries.set(job.key, { headers, body });
    this.bytes += body.length;
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.options.maxBytes && this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
      this.bytes -= entry.body.length;
    }
  }

  /** Passes a streamed body on unchanged, keeping a copy unless it grows too large or fails. */
  private copying(source: Readable, job: Pending, headers: Record<string, string>): Readable {
    let chunks: Buffer[] | undefined = [];
    let length = 0;
    const tee = new PassThrough();
    source.on('data', (chunk: Buffer | string) => {
      if (chunks === undefined) return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      length += buffer.length;
      if (length > this.maxEntryBytes) chunks = undefined;
      else chunks.push(buffer);
    });
    // Kept as soon as the source has given its last byte, before the client has read it: the next request finds it.
    // A source that fails or is destroyed never emits 'end'.
    source.once('end', () => {
      if (chunks !== undefined) this.store(job, headers, Buffer.concat(chunks, length));
    });
    // pipeline, not pipe: a client that hangs up destroys the source too (an export holds a database cursor).
    pipeline(source, tee, () => undefined);
    return tee;
  }
}
