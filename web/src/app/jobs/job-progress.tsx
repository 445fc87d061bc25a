import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { LOCALE, type Language } from '../../i18n/i18n.js';
import { ErrorState } from '../states.js';
import type { JobHandle } from './use-job.js';
import './job-progress.css';

/** What a job's `progress.done` counts, which decides the words beside the bar. */
export type JobUnit = 'seconds' | 'items' | 'activities' | 'rows';

const KNOWN_PHASES = new Set(['queued', 'preparing', 'starting', 'bound', 'guided_plan', 'greedy', 'exact', 'local_search', 'exporting', 'checking', 'writing']);

/** The message key of a server phase code ('local search' → jobs.phases.local_search); a code not known here reads "Working", never the raw code. */
export function phaseKey(phase: string): string {
  const code = phase.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return `jobs.phases.${KNOWN_PHASES.has(code) ? code : 'working'}`;
}

/**
 * An import's rows in words, by its phase: rows checked so far (the whole is not known while the file is read), then
 * rows written of all; '' while it has not begun either. Plural by i18next on the rows counted, numbers formatted here.
 */
export function rowCount(t: TFunction, phase: string, done: number, total: number | null, n: Intl.NumberFormat): string {
  if (phase === 'checking') return t('jobs.rows.checked', { count: done, done: n.format(done) });
  if (phase === 'writing') return t('jobs.rows.written', { count: total ?? done, done: n.format(done), total: n.format(total ?? done) });
  return '';
}

/** Date.now(), refreshed every second while `on`. */
function useSecondClock(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [on]);
  return now;
}

/**
 * Long work as the user sees it (DESIGN §11): the step under way in words with a count ("Improving the plan: 3 of
 * 10 s"), a real progress bar (indeterminate while the total is not known), Cancel, and how it ended: the failure's
 * sentence, or that a cancel saved nothing. A succeeded job shows nothing here: the page shows what it made.
 */
export function JobProgress<R>({ handle, unit, label, cancelled, testId = 'job-progress' }: { handle: JobHandle<R>; unit: JobUnit; label?: string; /** What a cancel left, where the page can say it better than "nothing was saved". */ cancelled?: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(LOCALE[i18n.language as Language]);
  const { job, starting, cancelling, busy, runningSince } = handle;
  const running = busy && job !== undefined;
  const total = job?.progress.total ?? null;
  const ticking = unit === 'seconds' && job?.status === 'running' && runningSince !== undefined;
  const now = useSecondClock(ticking);
  // Work measured in seconds (a solve's time limit) reports whole seconds, and a still bar is polled up to 2 s apart:
  // between answers the bar follows the clock, never behind what the server said and never past the limit.
  const reported = job?.progress.done ?? 0;
  const counted = ticking ? Math.max(reported, Math.floor((now - runningSince) / 1000)) : reported;
  const done = total === null ? counted : Math.min(counted, total);
  // Without a total only a count of activities means something ("120 activities written"); seconds or items of an unknown whole do not.
  const count = job === undefined ? '' : unit === 'rows' ? rowCount(t, job.progress.phase, done, total, n) : total !== null ? t(unit === 'seconds' ? 'jobs.counts.seconds' : 'jobs.counts.items', { done: n.format(done), total: n.format(total) }) : unit === 'activities' ? t('jobs.counts.activities', { done: n.format(done) }) : '';
  const phase = job === undefined ? '' : t(phaseKey(job.progress.phase));
  // A row count names its step ("3,000 of 30,000 rows written"): the phase's own words would only repeat it.
  const text = starting || job === undefined ? t('jobs.starting') : count === '' ? phase : unit === 'rows' ? count : `${phase}: ${count}`;
  return (
    <div className="job-progress" data-testid={testId} data-status={starting ? 'starting' : (job?.status ?? 'idle')} data-job-id={job?.id}>
      {busy ? (
        <>
          <p className="job-progress-text" id={`${testId}-text`} data-testid={`${testId}-text`}>
            {text}
          </p>
          {/* Without a value a progress element is indeterminate: the total is not known yet. */}
          <progress aria-label={label ?? t('jobs.progressLabel')} aria-describedby={`${testId}-text`} {...(total === null ? {} : { max: total, value: done })} data-testid={`${testId}-bar`} />
          <button type="button" onClick={handle.cancel} disabled={!running || cancelling} data-testid={`${testId}-cancel`}>
            {cancelling ? t('jobs.cancelling') : t('jobs.cancel')}
          </button>
        </>
      ) : null}
      {/* Present from the start, so that what it comes to say is announced. */}
      <p className="job-outcome" role="status" data-testid={`${testId}-outcome`}>
        {job?.status === 'cancelled' ? (cancelled ?? t('jobs.cancelled')) : null}
      </p>
      {job?.status === 'failed' ? (
        <p className="job-outcome job-failed" role="alert" data-testid={`${testId}-failed`}>
          {t('jobs.failed')} {job.error === null ? null : <span lang="en">{job.error}</span>}
        </p>
      ) : null}
      {handle.error === undefined ? null : <ErrorState error={handle.error} />}
    </div>
  );
}
