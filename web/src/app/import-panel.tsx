import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, queryString, type RowProblem } from '../api/client.js';
import { ErrorState } from './states.js';

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
 * app (facilities, status reports, products, IATI), so they all behave the same.
 */
export function ImportPanel<T extends ImportAnswer>({ url, accept, query = {}, summary, onImported, children }: { url: string; accept: string; query?: Record<string, string | undefined>; summary: (answer: T) => string; onImported?: () => void; children?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: (dryRun: boolean) => api<T>(`${url}${queryString({ ...query, dryRun: String(dryRun) })}`, { method: 'POST', file: { data: file as File, type: importTypeOf(file as File) } }),
    onSuccess: (answer) => (answer.dryRun ? undefined : onImported?.()),
  });
  const refused = run.error instanceof ApiError && run.error.rowErrors.length > 0 ? run.error.rowErrors : null;
  const rowErrors = refused ?? run.data?.errors ?? [];
  const n = new Intl.NumberFormat(i18n.language);
  return (
    <>
      <form className="stack narrow" onSubmit={(e) => e.preventDefault()} data-testid="import-form">
        {children}
        <label>
          {t('imports.file')}
          <input type="file" name="file" accept={accept} onChange={(e) => (setFile(e.target.files?.[0] ?? null), run.reset())} />
        </label>
        <div className="actions">
          <button type="button" disabled={file === null || run.isPending} onClick={() => run.mutate(true)}>
            {t('imports.check')}
          </button>
          <button type="button" disabled={file === null || run.isPending} onClick={() => run.mutate(false)}>
            {t('imports.run')}
          </button>
        </div>
      </form>
      {run.error !== null && refused === null ? <ErrorState error={run.error} /> : null}
      {run.data === undefined ? null : (
        <p className={rowErrors.length === 0 ? 'ok' : 'bad'} role="status">
          {summary(run.data)}
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
