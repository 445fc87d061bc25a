import { describe, expect, it } from 'vitest';
import { resultUrlOf, type Job } from './use-job.js';

const job = (status: Job['status'], resultUrl: string | null): Job => ({
  id: '0b7f4a52-5d4c-4f33-9a39-6a0f0a3c1d2e',
  kind: 'facility_import',
  status,
  progress: { done: 0, total: null, phase: 'checking' },
  error: status === 'failed' ? 'The file has problems in 2 rows; nothing was stored.' : null,
  resultUrl,
  resultFetchedAt: null,
  createdAt: '2026-12-07T18:00:00.000Z',
  startedAt: null,
  finishedAt: null,
});

describe('what a job ended with is fetched', () => {
  const url = '/api/v1/jobs/0b7f4a52-5d4c-4f33-9a39-6a0f0a3c1d2e/result';

  it("once it ended with something: a success's result, and a failure's problem (an import's row errors)", () => {
    expect(resultUrlOf(job('succeeded', url))).toBe(url);
    expect(resultUrlOf(job('failed', url))).toBe(url);
  });

  it('not while it runs, nor when it left nothing (a cancel, a failure told by its sentence alone, a result already fetched)', () => {
    expect(resultUrlOf(undefined)).toBeNull();
    expect(resultUrlOf(job('queued', null))).toBeNull();
    expect(resultUrlOf(job('running', null))).toBeNull();
    expect(resultUrlOf(job('cancelled', null))).toBeNull();
    expect(resultUrlOf(job('failed', null))).toBeNull();
    expect(resultUrlOf(job('succeeded', null))).toBeNull();
  });
});
