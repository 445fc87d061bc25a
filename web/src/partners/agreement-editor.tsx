import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectList } from '../../../src/modules/funding/projects.schema.js';
import type { Agreement } from '../../../src/modules/partnerships/partnerships.schema.js';
import { useSession } from '../access/use-session.js';
import { api, ApiError } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { pick } from './texts.js';

/**
 * Sends a file as the request body (the server judges its type by content).
 * The JSON client does not send raw bodies, so this echoes the session's CSRF
 * token itself, as every change from the page must.
 */
async function uploadDocument(agreementId: string, file: File, csrfToken: string | null): Promise<void> {
  const res = await fetch(`/api/v1/agreements/${agreementId}/documents?filename=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': file.type === '' ? 'application/octet-stream' : file.type, accept: 'application/json', ...(csrfToken === null ? {} : { 'x-csrf-token': csrfToken }) },
    body: file,
  });
  if (res.ok) return;
  const p = (await res.json().catch(() => ({}))) as { title?: string; detail?: string; errors?: { path: string; message: string }[] };
  throw new ApiError(res.status, p.title ?? res.statusText, p.detail ?? '', p.errors ?? []);
}

/** For admins and coordinators: attach a document and link a project to one of the agreement's areas. */
export function AgreementEditor({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useQueryClient();
  const me = useSession().data;
  const [file, setFile] = useState<File | null>(null);
  const [projectId, setProjectId] = useState('');
  const [area, setArea] = useState(agreement.areas[0]?.area ?? '');
  const refresh = () => void client.invalidateQueries({ queryKey: ['partners'] });
  const projects = useQuery({ queryKey: ['partners', 'projects'], queryFn: () => api<Static<typeof ProjectList>>('/api/v1/projects?limit=500') });
  const upload = useMutation({ mutationFn: (f: File) => uploadDocument(agreement.id, f, me?.csrfToken ?? null), onSuccess: refresh });
  const link = useMutation({ mutationFn: () => api(`/api/v1/agreements/${agreement.id}/projects`, { method: 'POST', body: { projectId, area } }), onSuccess: refresh });
  return (
    <div className="editor-forms">
      <form
        className="stack narrow"
        onSubmit={(e) => {
          e.preventDefault();
          if (file !== null) upload.mutate(file);
        }}
      >
        <label>
          {t('partners.attachDocument')}
          <input type="file" name="document" accept="application/pdf,image/png,image/jpeg,image/webp" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" disabled={file === null || upload.isPending}>
          {t('partners.attach')}
        </button>
        {upload.isError ? <ErrorState error={upload.error} /> : null}
        {upload.isSuccess ? <p className="ok">{t('partners.attached')}</p> : null}
      </form>
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
                {pick(p.title, lang)} ({p.iatiIdentifier})
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
