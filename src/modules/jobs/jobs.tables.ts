/** Tables of the jobs module (migration 0022). Timestamps are ISO-8601 UTC text. */
// Type aliases, not interfaces: Kysely's withTables wants tables assignable to Record<string, …>.
export type JobsTable = {
  id: string;
  kind: string;
  owner_user_id: string;
  status: JobStatus;
  progress_done: number;
  progress_total: number | null;
  progress_phase: string;
  error: string | null;
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
