import http from 'node:http';

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

/** One request a client sends next; `kind` groups it in the figures. */
export interface LoadRequest {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called with the body of a 2xx answer (only when given: other answers' bodies are drained unread). */
  onSuccess?: (body: string) => void;
}

export interface LoadOptions {
  seconds: number;
  concurrency: number;
  /** No request starts once this many have started, whatever time is left. */
  maxRequests?: number;
  /** A request not answered in full within this is abandoned and counted as the error "timeout". */
  timeoutMs?: number;
}

/** Latencies of answered requests (and of timeouts, at the timeout) and what went wrong, for one kind or all. */
export interface LoadFigures {
  requests: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  p999ms: number;
  /** Non-2xx answers by status ("503"), "timeout", or the socket error's code. */
  errors: Map<string, number>;
}

export interface MixedLoadResult {
  seconds: number;
  all: LoadFigures;
  byKind: Map<string, LoadFigures>;
}

class Tally {
  readonly latencies: number[] = [];
  readonly errors = new Map<string, number>();
  add(ms: number, error: string | undefined): void {
    this.latencies.push(ms);
    if (error !== undefined) this.errors.set(error, (this.errors.get(error) ?? 0) + 1);
  }
  figures(seconds: number): LoadFigures {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    // Nearest rank: p99.9 of fewer than 1,000 requests is the slowest one.
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
    return { requests: sorted.length, perSecond: sorted.length / seconds, p50ms: at(0.5), p99ms: at(0.99), p999ms: at(0.999), errors: this.errors };
  }
}

/**
 * Closed-loop load from this process: `concurrency` clients on keep-alive connections, each sending the
 * request `next(client)` gives when its last one is answered, until `seconds` pass or `maxRequests` have started.
 * Aimed only at loopback. Every request is bounded by `timeoutMs`; errors are counted, never thrown.
 */
export async function mixedLoad(base: string, options: LoadOptions, next: (client: number) => LoadRequest): Promise<MixedLoadResult> {
  const target = new URL(base);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('load tests target loopback only');
  const { seconds, concurrency, maxRequests = Number.POSITIVE_INFINITY, timeoutMs = 10_000 } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const all = new Tally();
  const byKind = new Map<string, Tally>();
  let started = 0;
  const deadline = performance.now() + seconds * 1000;
  const one = (request: LoadRequest) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      // Settles once: an abort or a reset may be reported by the request, the response, or both.
      let settled = false;
      const done = (error: string | undefined) => {
        if (settled) return;
        settled = true;
        const ms = performance.now() - t0;
        all.add(ms, error);
        const tally = byKind.get(request.kind) ?? new Tally();
        byKind.set(request.kind, tally);
        tally.add(ms, error);
        resolve();
      };
      const failed = (e: NodeJS.ErrnoException) => done(e.name === 'AbortError' ? 'timeout' : (e.code ?? e.message));
      const req = http.request(new URL(request.path, target), { method: request.method, agent, headers: request.headers, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
        const ok = res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300;
        const chunks: Buffer[] = [];
        if (ok && request.onSuccess !== undefined) res.on('data', (chunk: Buffer) => chunks.push(chunk));
        else res.resume();
        res.on('end', () => {
          if (ok) request.onSuccess?.(Buffer.concat(chunks).toString('utf8'));
          done(ok ? undefined : String(res.statusCode));
        });
        res.on('error', failed);
        res.on('close', () => done(res.complete ? undefined : 'answer cut short'));
      });
      req.on('error', failed);
      req.end(request.body);
    });
  const client = async (index: number) => {
    while (performance.now() < deadline && started < maxRequests) {
      started += 1;
      await one(next(index));
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => client(i)));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return { seconds: elapsed, all: all.figures(elapsed), byKind: new Map([...byKind].map(([kind, tally]) => [kind, tally.figures(elapsed)])) };
}

/** The same GET from `concurrency` clients for `seconds`; any answer but a 2xx fails the run. */
export async function loadTest(url: string, seconds: number, concurrency = 8, headers: Record<string, string> = {}): Promise<LoadResult> {
  const target = new URL(url);
  const result = await mixedLoad(target.origin, { seconds, concurrency }, () => ({ kind: 'get', method: 'GET', path: `${target.pathname}${target.search}`, headers }));
  const { all } = result;
  if (all.errors.size > 0) throw new Error(`${url} answered ${[...all.errors].map(([error, n]) => `${error} ×${n}`).join(', ')}`);
  return { requests: all.requests, seconds: result.seconds, perSecond: all.perSecond, p50ms: all.p50ms, p99ms: all.p99ms };
}
