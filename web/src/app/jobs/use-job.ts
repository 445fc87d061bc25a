import { useCallback, useEffect, useRef, useState } from 'react';
import type { Job } from '../../../../src/modules/jobs/jobs.schema.js';
import { api, ApiError } from '../../api/client.js';

export type { Job };

/**
 * Polling runs every quarter second while the progress moves (the server answers a running job from memory, with
 * its latest step: an import checks a thousand rows in well under a second) and slows to 2 s while nothing moves,
 * so an end is seen within 2 s. Each poll waits for the last answer, so a slow link is never flooded.
 */
export const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 2000;
const BACKOFF = 1.5;

const isLive = (job: Job | undefined): boolean => job !== undefined && (job.status === 'queued' || job.status === 'running');

/**
 * Where to fetch what the job ended with, or null: once it ended, whatever it left. A success leaves its result; a
 * failure may leave its problem (an import's row errors), which `readResult` then throws as the ApiError the request
 * itself would have (and the hook reports as its `error`); a cancel leaves nothing.
 */
export const resultUrlOf = (job: Job | undefined): string | null => (job === undefined || isLive(job) ? null : job.resultUrl);

/** How a page starts its job and reads the result: both given the signal that unmounting fires. */
export interface JobSpec<R> {
  /** Sends the long request; `startJobRequest` adds the header that asks for a job. */
  readonly start: (signal: AbortSignal) => Promise<Job>;
  /** Fetches the result once (the server hands it out once): JSON through `api`, a file through `apiBlob`; both throw a failed job's problem as an ApiError. */
  readonly readResult: (resultUrl: string, signal: AbortSignal) => Promise<R>;
  /** Called once with the result, after it arrived. */
  readonly onResult?: (result: R) => void;
}

export interface JobHandle<R> {
  /** The job as last read: status, progress, error sentence. Undefined before a start. */
  readonly job: Job | undefined;
  /** The request that starts the job is on its way. */
  readonly starting: boolean;
  /** A cancel was asked and has not answered yet. */
  readonly cancelling: boolean;
  /** Queued, running, or starting: the page offers Cancel and not a second run. */
  readonly busy: boolean;
  readonly result: R | undefined;
  /** When (this browser's clock, ms) the job was first seen running: a clock for work whose progress is time. */
  readonly runningSince: number | undefined;
  /** What the API refused (start, cancel, result) or a lost connection; the job's own failure is `job.error`. */
  readonly error: unknown;
  readonly start: () => void;
  readonly cancel: () => void;
  /** Forgets an ended job, its result and error (the page's input changed); not for a job that is still live. */
  readonly reset: () => void;
}

/** Any request that supports jobs (RFC 7240): the server answers 202 with the job instead of doing the work in the request. */
export const startJobRequest = (path: string, init: { method?: string; body?: unknown; file?: { data: Blob; type: string }; signal: AbortSignal }): Promise<Job> =>
  api<Job>(path, { ...init, headers: { prefer: 'respond-async' } });

/**
 * Long work as a job: starts it, polls its status (every 250 ms, slower while its progress stands still, never
 * after it ended or the component unmounted), cancels it, and fetches once what it ended with (`resultUrlOf`).
 * Unmounting does not cancel: the work goes on on the server (a plan is still saved).
 */
export function useJob<R>(spec: JobSpec<R>): JobHandle<R> {
  const [job, setJob] = useState<Job | undefined>(undefined);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [result, setResult] = useState<R | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [runningSince, setRunningSince] = useState<number | undefined>(undefined);
  // The latest spec without restarting the polling when a page passes new closures on each render.
  const specRef = useRef(spec);
  specRef.current = spec;
  const unmount = useRef(new AbortController());
  // The result is handed out once: the job whose result was asked for, so a re-render never asks twice.
  const fetchedFor = useRef<string | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    unmount.current = controller;
    return () => controller.abort();
  }, []);

  const jobId = job?.id;
  const live = isLive(job);
  useEffect(() => {
    if (jobId === undefined || !live) return;
    const signal = unmount.current.signal;
    let delay = FIRST_POLL_MS;
    let last = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async (): Promise<void> => {
      try {
        const next = await api<Job>(`/api/v1/jobs/${jobId}`, { signal });
        if (stopped) return;
        const seen = `${next.status} ${next.progress.done} ${next.progress.phase}`;
        delay = seen === last ? Math.min(MAX_POLL_MS, delay * BACKOFF) : FIRST_POLL_MS;
        last = seen;
        setJob(next);
        // Less the seconds it already reports, so a job first seen late does not restart at zero.
        if (next.status === 'running') setRunningSince((at) => at ?? Date.now() - next.progress.done * 1000);
        if (isLive(next)) timer = setTimeout(() => void poll(), delay);
      } catch (e) {
        if (stopped || signal.aborted) return;
        // The server refused (gone, signed out): say so and stop. A lost connection: try again, slower.
        if (e instanceof ApiError && e.status < 500) {
          setError(e);
          return;
        }
        delay = Math.min(MAX_POLL_MS, delay * BACKOFF);
        timer = setTimeout(() => void poll(), delay);
      }
    };
    timer = setTimeout(() => void poll(), FIRST_POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, live]);

  const resultUrl = resultUrlOf(job);
  useEffect(() => {
    if (jobId === undefined || resultUrl === null || fetchedFor.current === jobId) return;
    fetchedFor.current = jobId;
    const signal = unmount.current.signal;
    specRef.current.readResult(resultUrl, signal).then(
      (r) => {
        if (signal.aborted) return;
        setResult(r);
        specRef.current.onResult?.(r);
      },
      (e: unknown) => {
        if (!signal.aborted) setError(e);
      },
    );
  }, [jobId, resultUrl]);

  const reset = useCallback(() => {
    setError(undefined);
    setResult(undefined);
    setJob(undefined);
    setRunningSince(undefined);
  }, []);

  const start = useCallback(() => {
    const signal = unmount.current.signal;
    setStarting(true);
    reset();
    specRef.current.start(signal).then(
      (j) => {
        if (signal.aborted) return;
        setJob(j);
        setStarting(false);
      },
      (e: unknown) => {
        if (signal.aborted) return;
        setError(e);
        setStarting(false);
      },
    );
  }, [reset]);

  const cancel = useCallback(() => {
    if (jobId === undefined) return;
    const signal = unmount.current.signal;
    setCancelling(true);
    api<Job>(`/api/v1/jobs/${jobId}`, { method: 'DELETE', signal }).then(
      (j) => {
        if (signal.aborted) return;
        setJob(j);
        setCancelling(false);
      },
      (e: unknown) => {
        if (signal.aborted) return;
        // 409: it finished first; the next poll shows how (and a success still brings its result).
        if (!(e instanceof ApiError && e.status === 409)) setError(e);
        setCancelling(false);
      },
    );
  }, [jobId]);

  return { job, starting, cancelling, busy: starting || live, result, runningSince, error, start, cancel, reset };
}
