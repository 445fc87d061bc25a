import type { Job } from './jobs.schema.js';
import type { JobRow } from './jobs.tables.js';

export const jobUrl = (id: string): string => `/api/v1/jobs/${id}`;

/**
 * A job row as its owner sees it (nobody else sees it at all); no result URL once the result was fetched or expired.
 * A failed job may have one too: its problem with the details its sentence leaves out (an import's row errors).
 */
export function presentJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: { done: row.progress_done, total: row.progress_total, phase: row.progress_phase },
    error: row.error,
    resultUrl: (row.status === 'succeeded' || row.status === 'failed') && row.result !== null ? `${jobUrl(row.id)}/result` : null,
    resultFetchedAt: row.result_fetched_at,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
