import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PRODUCT_COLUMNS } from '../../../src/modules/supply/products.schema.js';
import { useSession } from '../access/use-session.js';
import { ApiError } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import { useSupplyFormat, useSupplyRefresh } from './use-supply.js';

interface RowError {
  row: number;
  column: string;
  message: string;
}
interface ImportAnswer {
  dryRun: boolean;
  rows: number;
  imported: number;
  errorCount: number;
  errors: RowError[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A refused import carries its row errors (problem+json rowErrors); they are the answer to show, not a failure. */
class ImportRefused extends Error {
  constructor(readonly rowErrors: RowError[]) {
    super('import refused');
  }
}

/**
 * Sends the file as the body (the JSON client sends no raw bodies, so this echoes the session's
 * CSRF token itself). All rows or none: a dry run lists every problem without storing anything.
 */
async function sendImport(file: File, dryRun: boolean, csrfToken: string | null): Promise<ImportAnswer> {
  const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
  const res = await fetch(`/api/v1/products/import?dryRun=${dryRun}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': type, accept: 'application/json', ...(csrfToken === null ? {} : { 'x-csrf-token': csrfToken }) },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as Partial<ImportAnswer> & { title?: string; detail?: string; errors?: { path: string; message: string }[]; rowErrors?: RowError[] };
  if (res.ok) return body as ImportAnswer;
  if (body.rowErrors !== undefined && body.rowErrors.length > 0) throw new ImportRefused(body.rowErrors);
  throw new ApiError(res.status, body.title ?? res.statusText, body.detail ?? '', body.errors ?? []);
}

export function ProductImportPage() {
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const me = useSession().data;
  const refresh = useSupplyRefresh();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({ mutationFn: (dryRun: boolean) => sendImport(file as File, dryRun, me?.csrfToken ?? null), onSuccess: (a) => (a.dryRun ? undefined : refresh()) });
  const rowErrors = run.error instanceof ImportRefused ? run.error.rowErrors : (run.data?.errors ?? []);
  return (
    <section>
      <p>
        <Link to="/supply/products">← {t('supply.products.title')}</Link>
      </p>
      <h1>{t('supply.import.title')}</h1>
      <p>{t('supply.import.hint')}</p>
      <p>
        <code className="wrap">{PRODUCT_COLUMNS.join(',')}</code>
      </p>
      <form className="stack narrow" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('supply.import.file')}
          <input type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => (setFile(e.target.files?.[0] ?? null), run.reset())} />
        </label>
        <div className="actions">
          <button type="button" disabled={file === null || run.isPending} onClick={() => run.mutate(true)}>
            {t('supply.import.check')}
          </button>
          <button type="button" disabled={file === null || run.isPending} onClick={() => run.mutate(false)}>
            {t('supply.import.run')}
          </button>
        </div>
      </form>
      {run.error !== null && !(run.error instanceof ImportRefused) ? <ErrorState error={run.error} /> : null}
      {run.data === undefined ? null : (
        <p className={run.data.errorCount === 0 ? 'ok' : 'bad'} role="status">
          {run.data.dryRun
            ? t('supply.import.checked', { rows: f.number(run.data.rows), errors: f.number(run.data.errorCount) })
            : t('supply.import.imported', { n: f.number(run.data.imported) })}
        </p>
      )}
      {rowErrors.length === 0 ? null : (
        <div className="table-wrap" role="alert">
          <table className="data" data-testid="import-errors">
            <caption>{t('supply.import.nothingStored', { n: f.number(rowErrors.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supply.import.row')}</th>
                <th scope="col">{t('supply.import.column')}</th>
                <th scope="col">{t('supply.import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {rowErrors.map((e, i) => (
                <tr key={`${e.row}-${e.column}-${i}`}>
                  <td className="num">{e.row}</td>
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
    </section>
  );
}
