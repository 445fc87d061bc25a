import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiBlob } from '../api/client.js';
import { JobProgress } from '../app/jobs/job-progress.js';
import { startJobRequest, useJob } from '../app/jobs/use-job.js';

export const IATI_EXPORT = '/api/v1/projects/export/iati';

/**
 * The IATI file for a signed-in reader, as a job: writing every project can take a while at national scale, so the
 * page shows how many activities are written, can cancel, and saves the file when it is ready. (A reader who is not
 * signed in cannot own a job: the page gives them the plain link.)
 */
export function IatiExport({ org, file, testId }: { org: string; file: string; testId: string }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const link = useRef<HTMLAnchorElement>(null);
  const run = useJob<Blob>({
    start: (signal) => startJobRequest(`${IATI_EXPORT}${org === '' ? '' : `?org=${encodeURIComponent(org)}`}`, { signal }),
    readResult: (url, signal) => apiBlob(url, signal),
    onResult: (blob) => setSaved(URL.createObjectURL(blob)),
  });
  // The file is handed out once by the server: saved at once, and kept linked in case the browser did not save it.
  useEffect(() => {
    if (saved === undefined) return;
    link.current?.click();
    return () => URL.revokeObjectURL(saved);
  }, [saved]);
  return (
    <>
      <button type="button" onClick={() => {
        setSaved(undefined);
        run.start();
      }} disabled={run.busy} data-testid={testId}>
        {t('funding.openData.prepare')} <span className="muted-on-button">({file})</span>
      </button>
      {run.busy ? <p className="muted">{t('funding.openData.prepareHint')}</p> : null}
      <JobProgress handle={run} unit="activities" label={t('funding.openData.prepare')} testId={`${testId}-job`} />
      {saved === undefined ? null : (
        <p role="status">
          {t('funding.openData.ready')}{' '}
          <a ref={link} href={saved} download={file} data-testid={`${testId}-save`}>
            {t('funding.openData.save', { file })}
          </a>
        </p>
      )}
    </>
  );
}
