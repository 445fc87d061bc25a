import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEASURED_UNITS, type Agreement } from '../../../src/modules/partnerships/partnerships.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { Field } from './form-bits.js';

const PATHS = ['/area', '/unit', '/value', '/achievedOn', '/documentId', '/note'];

/**
 * For admins and coordinators: record progress toward a target no module measures ("specialists trained"),
 * with one of the agreement's documents as its evidence. Only targets followed by hand are offered.
 */
export function AchievementForm({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const targets = agreement.areas.flatMap((a) => a.targets.filter((x) => !(MEASURED_UNITS as readonly string[]).includes(x.unit)).map((x) => ({ area: a.area, unit: x.unit })));
  const [target, setTarget] = useState(0);
  const [value, setValue] = useState('');
  const [achievedOn, setAchievedOn] = useState(new Date().toISOString().slice(0, 10));
  const [documentId, setDocumentId] = useState(agreement.documents[0]?.id ?? '');
  const [note, setNote] = useState('');
  const chosen = targets[target];
  const save = useMutation({
    mutationFn: () =>
      api(`/api/v1/agreements/${agreement.id}/achievements`, {
        method: 'POST',
        body: { area: chosen?.area, unit: chosen?.unit, value: value.trim(), achievedOn, documentId, ...(note.trim() === '' ? {} : { note: note.trim() }) },
      }),
    onSuccess: () => {
      setValue('');
      setNote('');
      void client.invalidateQueries({ queryKey: ['partners'] });
    },
  });
  if (targets.length === 0) return null;
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="stack narrow"
      data-testid="achievement-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3>{t('partners.recordAchievement')}</h3>
      <Field label={t('partners.achievementTarget')} error={errors.get('/unit') ?? errors.get('/area')}>
        {(props) => (
          <select {...props} value={target} onChange={(e) => setTarget(Number(e.target.value))} name="target">
            {targets.map((x, i) => (
              <option key={`${x.area}-${x.unit}`} value={i}>
                {t(`partners.areas.${x.area}`)}: {x.unit}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('partners.achievementValue')} error={errors.get('/value')}>
        {(props) => <input {...props} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} name="value" required />}
      </Field>
      <Field label={t('partners.achievementDate')} error={errors.get('/achievedOn')}>
        {(props) => <input {...props} type="date" value={achievedOn} onChange={(e) => setAchievedOn(e.target.value)} name="achievedOn" required />}
      </Field>
      <Field label={t('partners.achievementEvidence')} error={errors.get('/documentId')}>
        {(props) => (
          <select {...props} value={documentId} onChange={(e) => setDocumentId(e.target.value)} name="documentId" required>
            {agreement.documents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.filename}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('partners.achievementNote')} error={errors.get('/note')}>
        {(props) => <input {...props} value={note} onChange={(e) => setNote(e.target.value)} name="note" />}
      </Field>
      {agreement.documents.length === 0 ? <p className="muted">{t('partners.noEvidenceYet')}</p> : null}
      <button type="submit" disabled={save.isPending || agreement.documents.length === 0}>
        {t('partners.recordAchievement')}
      </button>
      <FormProblems error={save.error} fields={PATHS} />
      {save.isSuccess ? (
        <p className="ok" role="status">
          {t('partners.achievementRecorded')}
        </p>
      ) : null}
    </form>
  );
}
