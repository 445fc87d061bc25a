import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_STATUSES, PHASES, type Project, type ProjectUpdate } from '../../../src/modules/funding/projects.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormField, FormProblems, formText } from '../app/forms/form-field.js';

const LANGS = ['en', 'uk', 'ja'] as const;
const FIELDS = ['/title/en', '/title/uk', '/title/ja', '/status', '/endDate', '/reconstruction/phase', '/reconstruction/percentComplete', '/reconstruction/ocid'];

/**
 * Edits what changes during a project's life: its titles, status, end date and,
 * for reconstruction, phase, progress, procurement reference and milestones.
 * The version read goes with the change, so a concurrent edit is refused (409), not lost.
 */
export function ProjectEditForm({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: ProjectUpdate) => api<Project>(`/api/v1/projects/${p.id}`, { method: 'PATCH', body }),
    onSuccess: (updated) => {
      setSaved(true);
      client.setQueryData(['funding', 'project', p.id], updated);
      void client.invalidateQueries({ queryKey: ['funding', 'projects'] });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => formText(f, k);
    const title: Project['title'] = { en: text('title.en') };
    for (const l of ['uk', 'ja'] as const) if (text(`title.${l}`) !== '') title[l] = text(`title.${l}`);
    const r = p.reconstruction;
    setSaved(false);
    save.mutate({
      version: p.version,
      title,
      status: text('status') as Project['status'],
      endDate: text('endDate') === '' ? null : text('endDate'),
      ...(r === null
        ? {}
        : {
            reconstruction: {
              phase: text('phase') as NonNullable<Project['reconstruction']>['phase'],
              // An empty or non-numeric entry becomes NaN, which JSON sends as null: the server refuses it and names the field.
              percentComplete: text('percentComplete') === '' ? Number.NaN : Number(text('percentComplete')),
              ocid: text('ocid') === '' ? null : text('ocid'),
              milestones: r.milestones.map((m, i) => ({ ...m, done: f.get(`milestone.${i}`) === 'on' })),
            },
          }),
    });
  };
  return (
    <details className="edit-project">
      <summary>{t('funding.editProject')}</summary>
      <form className="form-grid" data-testid="project-edit-form" onSubmit={submit} noValidate key={p.version}>
        {LANGS.map((l) => (
          <FormField key={l} label={t('funding.titleIn', { language: l.toUpperCase() })} error={errors.get(`/title/${l}`)}>
            {(props) => <input {...props} name={`title.${l}`} lang={l} defaultValue={p.title[l] ?? ''} maxLength={2000} />}
          </FormField>
        ))}
        <FormField label={t('funding.status')} error={errors.get('/status')}>
          {(props) => (
            <select {...props} name="status" defaultValue={p.status}>
              {ACTIVITY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`funding.activityStatus.${s}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('funding.endDate')} error={errors.get('/endDate')} hint={t('funding.form.dateHint')}>
          {(props) => <input {...props} name="endDate" type="date" defaultValue={p.endDate ?? ''} />}
        </FormField>
        {p.reconstruction === null ? null : (
          <>
            <FormField label={t('funding.phase')} error={errors.get('/reconstruction/phase')}>
              {(props) => (
                <select {...props} name="phase" defaultValue={p.reconstruction?.phase}>
                  {PHASES.map((ph) => (
                    <option key={ph} value={ph}>
                      {t(`funding.phases.${ph}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField label={t('funding.percentField')} error={errors.get('/reconstruction/percentComplete')} hint={t('funding.form.percentHint')}>
              {(props) => <input {...props} name="percentComplete" type="number" min={0} max={100} step={1} defaultValue={p.reconstruction?.percentComplete} />}
            </FormField>
            <FormField label={t('funding.ocidField')} error={errors.get('/reconstruction/ocid')} hint={t('funding.form.ocidHint')}>
              {(props) => <input {...props} name="ocid" defaultValue={p.reconstruction?.ocid ?? ''} autoComplete="off" />}
            </FormField>
            <fieldset className="milestone-checks">
              <legend>{t('funding.milestones')}</legend>
              {p.reconstruction.milestones.map((m, i) => (
                <label key={`${m.name}${m.due}`}>
                  <input type="checkbox" name={`milestone.${i}`} defaultChecked={m.done} /> {m.name}
                </label>
              ))}
            </fieldset>
          </>
        )}
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('funding.save')}
          </button>
          <span role="status" className="ok">
            {saved ? t('funding.saved') : ''}
          </span>
        </div>
      </form>
      <FormProblems error={save.error} fields={FIELDS} />
    </details>
  );
}
