import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Meeting, MeetingCreate } from '../../../src/modules/partnerships/meetings.schema.js';
import { PRIORITY_AREAS, type PriorityArea } from '../../../src/modules/partnerships/partnerships.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import type { Language } from '../i18n/i18n.js';
import { emptyText, Field, focusFirstInvalid, TextFields, textOf, useRows } from './form-bits.js';
import { ActionItemFields, DecisionFields, meetingRowPaths, ParticipantFields, type ActionDraft, type DecisionDraft, type ParticipantDraft } from './meeting-items-fields.js';
import { pick } from './texts.js';
import { useAgreements } from './use-partners.js';

const optional = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/**
 * A coordinator records a meeting: when and where, who took part, the areas
 * discussed, the decisions and the action items (owner and due date each),
 * optionally under an agreement (?agreementId= preselects it). On success the
 * meeting's page opens; the server's field errors are shown at their fields.
 */
export function MeetingForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const agreements = useAgreements();
  const [head, setHead] = useState({ agreementId: params.get('agreementId') ?? '', heldOn: '', place: '' });
  const [title, setTitle] = useState(emptyText);
  const [areas, setAreas] = useState<PriorityArea[]>([]);
  const participants = useRows<ParticipantDraft>(() => ({ organizationId: '', name: '', role: '' }), 1);
  const decisions = useRows<DecisionDraft>(() => ({ text: emptyText(), area: '' }));
  const actions = useRows<ActionDraft>(() => ({ text: emptyText(), area: '', owner: '', ownerOrgId: '', dueOn: '' }));
  const save = useMutation({
    mutationFn: (body: MeetingCreate) => api<Meeting>('/api/v1/meetings', { method: 'POST', body }),
    onSuccess: (m) => {
      void client.invalidateQueries({ queryKey: ['partners'] });
      void navigate(`/partners/meetings/${m.id}`);
    },
    onError: () => focusFirstInvalid(),
  });
  const errors = fieldErrorsOf(save.error);
  const chosenAreas = PRIORITY_AREAS.filter((a) => areas.includes(a));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate({
      agreementId: head.agreementId === '' ? null : head.agreementId,
      heldOn: head.heldOn,
      title: textOf(title),
      ...(optional(head.place) === undefined ? {} : { place: head.place.trim() }),
      participants: participants.rows.map((p) => ({ organizationId: p.organizationId, role: p.role.trim(), ...(optional(p.name) === undefined ? {} : { name: p.name.trim() }) })),
      areas: chosenAreas,
      decisions: decisions.rows.map((d) => ({ text: textOf(d.text), ...(d.area === '' ? {} : { area: d.area }) })),
      // Owner and due date go as typed (blank or absent) so that the server names each missing one by its item.
      actionItems: actions.rows.map((a) => ({
        text: textOf(a.text),
        owner: a.owner.trim(),
        ...(a.dueOn === '' ? {} : { dueOn: a.dueOn }),
        ...(a.ownerOrgId === '' ? {} : { ownerOrgId: a.ownerOrgId }),
        ...(a.area === '' ? {} : { area: a.area }),
      })),
    });
  };
  const placed = ['/agreementId', '/heldOn', '/place', '/title/en', '/title/uk', '/title/ja', '/areas', ...chosenAreas.map((_, i) => `/areas/${i}`), ...meetingRowPaths(participants.rows.length, decisions.rows.length, actions.rows.length)];
  return (
    <section>
      <p>{head.agreementId === '' ? <Link to="/partners">← {t('partners.agreements')}</Link> : <Link to={`/partners/agreements/${head.agreementId}`}>← {t('partners.agreement')}</Link>}</p>
      <h1>{t('partners.form.newMeetingTitle')}</h1>
      <form data-testid="meeting-form" noValidate onSubmit={submit}>
        <div className="form-grid">
          <Field label={t('partners.form.agreementOptional')} error={errors.get('/agreementId')}>
            {(props) => (
              <select {...props} value={head.agreementId} onChange={(e) => setHead({ ...head, agreementId: e.target.value })}>
                <option value="">{t('partners.form.noAgreement')}</option>
                {(agreements.data?.items ?? []).map((a) => (
                  <option key={a.id} value={a.id}>
                    {pick(a.title, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('partners.heldOn')} error={errors.get('/heldOn')} hint={t('partners.form.dateHint')}>
            {(props) => <input {...props} type="date" required value={head.heldOn} onChange={(e) => setHead({ ...head, heldOn: e.target.value })} />}
          </Field>
          <Field label={t('partners.place')} error={errors.get('/place')}>
            {(props) => <input {...props} maxLength={300} value={head.place} onChange={(e) => setHead({ ...head, place: e.target.value })} />}
          </Field>
          <TextFields label={t('partners.form.title')} value={title} onChange={setTitle} path="/title" errors={errors} />
        </div>
        <ParticipantFields rows={participants} errors={errors} />
        <fieldset className="entry">
          <legend>{t('partners.areasDiscussed')}</legend>
          <ul className="plain area-choices">
            {PRIORITY_AREAS.map((a) => (
              <li key={a}>
                <label className="check">
                  <input type="checkbox" checked={areas.includes(a)} onChange={(e) => setAreas((xs) => (e.target.checked ? [...xs, a] : xs.filter((x) => x !== a)))} />
                  {t(`partners.areas.${a}`)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <DecisionFields rows={decisions} errors={errors} />
        <ActionItemFields rows={actions} errors={errors} />
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('partners.form.saveMeeting')}
          </button>
        </div>
        <FormProblems error={save.error} fields={placed} />
      </form>
    </section>
  );
}
