import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectList } from '../../../src/modules/funding/projects.schema.js';
import type { Agreement } from '../../../src/modules/partnerships/partnerships.schema.js';
import { api, ApiError } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import type { Language } from '../i18n/i18n.js';
import { AchievementForm } from './achievement-form.js';
import { Field } from './form-bits.js';
import { localText } from '../funding/project-text.js';

/** Sends a file as the request body (the server judges its type by content). */
const uploadDocument = (agreementId: string, file: File): Promise<unknown> =>
  api(`/api/v1/agreements/${agreementId}/documents?filename=${encodeURIComponent(file.name)}`, { method: 'POST', file: { data: file, type: file.type === '' ? 'application/octet-stream' : file.type } });

/** Where the server names a refused file: the body itself, or its name in the query string. */
const FILE_PATHS = ['/file', '/querystring/filename'];

/**
 * Attach a PDF or image to the agreement. The server judges the type by the
 * bytes and refuses a file over CAREBRIDGE_DOCUMENT_LIMIT (413); either refusal
 * is shown at the file field, with what to do about it.
 */
function DocumentForm({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the file input after a successful upload.
  const [inputKey, setInputKey] = useState(0);
  const upload = useMutation({
    mutationFn: (f: File) => uploadDocument(agreementId, f),
    onSuccess: () => {
      setFile(null);
      setInputKey((k) => k + 1);
      void client.invalidateQueries({ queryKey: ['partners'] });
    },
  });
  const errors = fieldErrorsOf(upload.error);
  const fileError = FILE_PATHS.map((p) => errors.get(p)).find((e) => e !== undefined);
  const tooLarge = upload.error instanceof ApiError && upload.error.status === 413;
  return (
    <form
      className="stack narrow"
      data-testid="document-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (file !== null) upload.mutate(file);
      }}
    >
      <Field label={t('partners.attachDocument')} error={fileError} hint={t(tooLarge ? 'partners.form.fileTooLarge' : 'partners.form.fileType')}>
        {(props) => (
          <input
            {...props}
            key={inputKey}
            type="file"
            name="document"
            accept="application/pdf,image/png,image/jpeg,image/webp"
            onChange={(e) => {
              upload.reset();
              setFile(e.target.files?.[0] ?? null);
            }}
          />
        )}
      </Field>
      <button type="submit" disabled={file === null || upload.isPending}>
        {t('partners.attach')}
      </button>
      <FormProblems error={upload.error} fields={FILE_PATHS} />
      {upload.isSuccess ? (
        <p className="ok" role="status">
          {t('partners.attached')}
        </p>
      ) : null}
    </form>
  );
}

/** For admins and coordinators: attach a document, record an achievement and link a project to one of the agreement's areas. */
export function AgreementEditor({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useQueryClient();
  const [projectId, setProjectId] = useState('');
  const [area, setArea] = useState(agreement.areas[0]?.area ?? '');
  const refresh = () => void client.invalidateQueries({ queryKey: ['partners'] });
  const projects = useQuery({ queryKey: ['partners', 'projects'], queryFn: () => api<Static<typeof ProjectList>>('/api/v1/projects?limit=500') });
  const link = useMutation({ mutationFn: () => api(`/api/v1/agreements/${agreement.id}/projects`, { method: 'POST', body: { projectId, area } }), onSuccess: refresh });
  return (
    <div className="editor-forms">
      <DocumentForm agreementId={agreement.id} />
      <AchievementForm agreement={agreement} />
      <form
        className="stack narrow"
        onSubmit={(e) => {
          e.preventDefault();
          link.mutate();
        }}
      >
        <label>
          {t('partners.project')}
          <select value={projectId} onChange={(e) => setProjectId(e.target.value)} name="project">
            <option value="">—</option>
            {(projects.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {localText(p.title, lang)} ({p.iatiIdentifier})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('partners.area')}
          <select value={area} onChange={(e) => setArea(e.target.value)} name="area">
            {agreement.areas.map((a) => (
              <option key={a.area} value={a.area}>
                {t(`partners.areas.${a.area}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={projectId === '' || link.isPending}>
          {t('partners.linkProject')}
        </button>
        {link.isError ? <ErrorState error={link.error} /> : null}
      </form>
    </div>
  );
}
