// English, the shape: jobs.uk.messages.ts and jobs.ja.messages.ts hold the other languages, each its own module so that only the reader's language is loaded.
/** Long work's progress (web/src/app/jobs/job-progress.tsx), under `jobs` in the i18n tree. */
export const jobsEn = {
  /** The server's phase codes in words (spaces in a code become underscores); `working` for one not listed here. */
  phases: {
    queued: 'Waiting to start',
    preparing: 'Preparing',
    starting: 'Starting the solver',
    bound: 'Working out the best possible',
    guided_plan: 'Building a first plan',
    greedy: 'Building a first plan',
    exact: 'Solving exactly',
    local_search: 'Improving the plan',
    exporting: 'Writing the file',
    checking: 'Checking the rows',
    writing: 'Writing the rows',
    working: 'Working',
  },
  /** The count beside the phase, by what the job counts. */
  counts: {
    seconds: '{{done}} of {{total}} s',
    items: '{{done}} of {{total}}',
    activities: '{{done}} activities written',
  },
  /** An import's rows, by phase: the count says its step itself. Plural by `count` (rows checked; the rows to write). */
  rows: {
    checked_one: '{{done}} row checked',
    checked_other: '{{done}} rows checked',
    written_one: '{{done}} of {{total}} row written',
    written_other: '{{done}} of {{total}} rows written',
  },
  progressLabel: 'Progress',
  cancel: 'Cancel',
  cancelling: 'Cancelling…',
  starting: 'Starting…',
  failed: 'It did not finish.',
  cancelled: 'Cancelled: nothing was saved.',
};
