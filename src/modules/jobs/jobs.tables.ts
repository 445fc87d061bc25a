/** Tables of the jobs module (migration 0022). Timestamps are ISO-8601 UTC text. */
export type JobsTable = {
  id: string;
  kind: string;
  owner_user_id: string;
  status: JobStatus;
  progress_done: number;
  progress_total: number | null;
  progress_phase: string;
  error: string | null;
  /**
   * Until fetched or expired. A succeeded job always stores one, so a succeeded job with neither a result nor
   * `result_fetched_at` is one whose result expired unfetched (cleared after a day by the runner's sweep).
   */
  result: string | null;
  result_type: string | null;
  result_fetched_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export type JobRow = JobsTable;

export type JobsTables = {
  jobs: JobsTable;
};
