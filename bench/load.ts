import http from 'node:http';

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

/**
 * Closed-loop load from this process: `concurrency` keep-alive connections,
 * each sending its next request when the last answers, for `seconds`.
 * Bounded in time and aimed only at loopback.
 */
export async function loadTest(url: string, seconds: number, concurrency = 8, headers: Record<string, string> = {}): Promise<LoadResult> {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('load tests target loopback only');
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      http
        .get(target, { agent, headers }, (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}`));
            latencies.push(performance.now() - started);
            resolve();
          });
        })
        .on('error', reject);
    });
  const worker = async () => {
    while (performance.now() < deadline) await one();
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, seconds: elapsed, perSecond: latencies.length / elapsed, p50ms: at(0.5), p99ms: at(0.99) };
}
