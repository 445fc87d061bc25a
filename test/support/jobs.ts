import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Job } from '../../src/modules/jobs/jobs.schema.js';

/** Asks a route for a job (RFC 7240). */
export const ASYNC = { prefer: 'respond-async' } as const;

/** The job a `Prefer: respond-async` request started, after checking the 202 that announced it. */
export function acceptedJobOf(res: LightMyRequestResponse): Job {
  expect(res.statusCode, res.body).toBe(202);
  const job = res.json<Job>();
  expect(res.headers.location).toBe(`/api/v1/jobs/${job.id}`);
  expect(res.headers['preference-applied']).toBe('respond-async');
  return job;
}

/** Polls a job until it ends (succeeded, failed or cancelled); `seen` gets every state read on the way. */
export async function jobEnded(app: FastifyInstance, id: string, headers: Record<string, string>, seen?: Job[]): Promise<Job> {
  for (let i = 0; i < 1500; i++) {
    const j = (await app.inject({ url: `/api/v1/jobs/${id}`, headers })).json<Job>();
    seen?.push(j);
    if (j.status !== 'queued' && j.status !== 'running') return j;
    await sleep(20);
  }
  throw new Error(`job ${id} did not end`);
}
