import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, queryString, type RowProblem } from '../api/client.js';
import { JobProgress } from './jobs/job-progress.js';
import { startJobRequest, useJob } from './jobs/use-job.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The body type the import routes expect, from the file's name (browsers often give CSV files no type). */
export function importTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX;
  if (name.endsWith('.xml')) return 'application/xml';
  return 'text/csv';
}

/** What every import answers: a dry run stores nothing; `errors` are row problems a dry run found. */
export interface ImportAnswer {
  dryRun: boolean;
  errors?: RowProblem[];
}

/**
 * Sends a file to an import route, first as a dry run if the person wants, and shows the answer: the summary, or
 * every row problem (row, column, why) of a refused file, of which nothing was stored. Shared by every import in the
 * app (facilities, status reports, products, IATI), so they all behave the same. Both runs are jobs: a national
 * registry takes a while, so the panel shows rows checked and then written, and Cancel, which leaves nothing written.
 */
export function ImportPanel<T extends ImportAnswer>({ url, accept, query = {}, summary, onImported, children }: { url: string; accept: string; query?: Record<string, string | undefined>; summary: (answer: T) => string; onImported?: () => void; children?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  // Which button started the run: set in the click, before the job's `start` reads it.
  const dryRun = useRef(false);
  const run = useJob<T>({
    // The buttons are disabled without a file, so there is one whenever a run starts.
    start: (signal) => startJobRequest(`${url}${queryString({ ...query, dryRun: String(dryRun.current) })}`, { method: 'POST', file: { data: file as File, type: importTypeOf(file as File) }, signal }),
    readResult: (resultUrl, signal) => api<T>(resultUrl, { signal }),
    onResult: (answer) => (answer.dryRun ? undefined : onImported?.()),
  });
  const startRun = (dry: boolean) => {
    dryRun.current = dry;
    run.start();
  };
  const refused = run.error instanceof ApiError && run.error.rowErrors.length > 0 ? run.error.rowErrors : null;
  const rowErrors = refused ?? run.result?.errors ?? [];
  const status = run.job?.status;
  // The progress while it runs, and how it ended when the summary or the row problems below do not say it: a cancel,
  // a failure with only its sentence, or a refusal that is not about rows (a wrong type, a file too large).
  const progressShown = run.busy || status === 'cancelled' || (status === 'failed' && run.job?.resultUrl === null) || (run.error !== undefined && refused === null);
  const n = new Intl.NumberFormat(i18n.language);
  return (
    <>
      <form className="stack narrow" onSubmit={(e) => e.preventDefault()} data-testid="import-form">
        {children}
        <label>
          {t('imports.file')}
          <input type="file" name="file" accept={accept} disabled={run.busy} onChange={(e) => (setFile(e.target.files?.[0] ?? null), run.reset())} />
        </label>
        <div className="actions">
          <button type="button" disabled={file === null || run.busy} onClick={() => startRun(true)}>
            {t('imports.check')}
          </button>
          <button type="button" disabled={file === null || run.busy} onClick={() => startRun(false)}>
            {t('imports.run')}
          </button>
        </div>
      </form>
      {progressShown ? <JobProgress handle={run} unit="rows" cancelled={t('imports.cancelled')} testId="import-progress" /> : null}
      {run.result === undefined ? null : (
        <p className={rowErrors.length === 0 ? 'ok' : 'bad'} role="status">
          {summary(run.result)}
        </p>
      )}
      {rowErrors.length === 0 ? null : (
        <div className="table-wrap" role="alert">
          <table className="data" data-testid="import-errors">
            <caption>{t('imports.nothingStored', { n: n.format(rowErrors.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('imports.row')}</th>
                <th scope="col">{t('imports.column')}</th>
                <th scope="col">{t('imports.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {rowErrors.map((e, i) => (
                <tr key={`${e.row}-${e.column}-${i}`}>
                  <td className="num">{e.row === 0 ? '—' : e.row}</td>
                  <td>
                    <code>{e.column === '' ? '—' : e.column}</code>
                  </td>
                  <td lang="en">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
