import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type Agreement, type AgreementCreate } from '../../../src/modules/partnerships/partnerships.schema.js';
import { api } from '../api/client.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { AgreementAreasFields, areaPaths, type AreaDraft } from './agreement-areas-fields.js';
import { PartnerFields, partyPaths, PledgeFields, SignatoryFields, type PartnerDraft, type PledgeDraft, type SignatoryDraft } from './agreement-parties-fields.js';
import { decimalOf, emptyText, Field, focusFirstInvalid, TextFields, textOf, useRows } from './form-bits.js';

/** The dates' own rule, checked as the server checks it (agreements.service dateOrderProblem), so the field says so before sending. */
export const endsBeforeStart = (start: string, end: string): boolean => start !== '' && end !== '' && end < start;

/**
 * A coordinator records an agreement: its kind and status, titles, partners and
 * signatories, dates, priority areas with targets and the amounts pledged in its
 * text. The server checks everything again; each of its field errors is shown
 * next to the field it names. On success the new agreement's page opens.
 */
export function AgreementForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [head, setHead] = useState({ kind: 'memorandum' as AgreementCreate['kind'], status: 'draft' as AgreementCreate['status'], signedOn: '', startDate: '', endDate: '' });
  const [title, setTitle] = useState(emptyText);
  const [areas, setAreas] = useState<AreaDraft[]>([]);
  const keys = useRef(0);
  const partners = useRows<PartnerDraft>(() => ({ organizationId: '' }), 1);
  const signatories = useRows<SignatoryDraft>(() => ({ name: '', position: '', organizationId: '' }));
  const pledges = useRows<PledgeDraft>(() => ({ amount: '', currency: '', note: '' }));
  const save = useMutation({
    mutationFn: (body: AgreementCreate) => api<Agreement>('/api/v1/agreements', { method: 'POST', body }),
    onSuccess: (a) => {
      void client.invalidateQueries({ queryKey: ['partners'] });
      void navigate(`/partners/agreements/${a.id}`);
    },
    onError: () => focusFirstInvalid(),
  });
  const errors = new Map(fieldErrorsOf(save.error));
  const datesWrong = endsBeforeStart(head.startDate, head.endDate);
  if (datesWrong) errors.set('/endDate', `${head.endDate} < ${head.startDate}`);
  const date = (k: 'signedOn' | 'startDate' | 'endDate') => (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => (
    <input {...props} type="date" name={k} value={head[k]} onChange={(e) => setHead({ ...head, [k]: e.target.value })} />
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (datesWrong) {
      focusFirstInvalid();
      return;
    }
    save.mutate({
      kind: head.kind,
      title: textOf(title),
      status: head.status,
      signedOn: head.signedOn === '' ? null : head.signedOn,
      startDate: head.startDate,
      endDate: head.endDate === '' ? null : head.endDate,
      partnerIds: partners.rows.map((p) => p.organizationId),
      signatories: signatories.rows.map((s) => ({ name: s.name.trim(), position: s.position.trim(), organizationId: s.organizationId })),
      areas: areas.map((a) => ({ area: a.area, targets: a.targets.map((x) => ({ quantity: decimalOf(x.quantity), unit: x.unit.trim() })) })),
      pledges: pledges.rows.map((p) => ({ amount: decimalOf(p.amount), currency: p.currency.trim().toUpperCase(), ...(p.note.trim() === '' ? {} : { note: p.note.trim() }) })),
    });
  };
  const placed = [
    '/kind', '/status', '/signedOn', '/startDate', '/endDate', '/title/en', '/title/uk', '/title/ja',
    ...partyPaths(partners.rows.length, signatories.rows.length, pledges.rows.length),
    ...areaPaths(areas),
  ];
  return (
    <section>
      <p>
        <Link to="/partners">← {t('partners.agreements')}</Link>
      </p>
      <h1>{t('partners.form.newAgreementTitle')}</h1>
      <form data-testid="agreement-form" noValidate onSubmit={submit}>
        <div className="form-grid">
          <Field label={t('partners.kind')} error={errors.get('/kind')}>
            {(props) => (
              <select {...props} value={head.kind} onChange={(e) => setHead({ ...head, kind: e.target.value as AgreementCreate['kind'] })}>
                {AGREEMENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`partners.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('partners.status')} error={errors.get('/status')}>
            {(props) => (
              <select {...props} value={head.status} onChange={(e) => setHead({ ...head, status: e.target.value as AgreementCreate['status'] })}>
                {AGREEMENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`partners.statuses.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextFields label={t('partners.form.title')} value={title} onChange={setTitle} path="/title" errors={errors} />
          <Field label={t('partners.signedOn')} error={errors.get('/signedOn')} hint={t('partners.form.signedOnHint')}>
            {date('signedOn')}
          </Field>
          <Field label={t('partners.form.startDate')} error={errors.get('/startDate')} hint={t('partners.form.dateHint')}>
            {date('startDate')}
          </Field>
          <Field label={t('partners.form.endDate')} error={errors.get('/endDate')} hint={t('partners.form.endBeforeStart')}>
            {date('endDate')}
          </Field>
        </div>
        <PartnerFields partners={partners} errors={errors} />
        <SignatoryFields signatories={signatories} errors={errors} />
        <AgreementAreasFields areas={areas} onChange={setAreas} errors={errors} newKey={() => ++keys.current} />
        <PledgeFields pledges={pledges} errors={errors} />
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('partners.form.saveAgreement')}
          </button>
        </div>
        <FormProblems error={save.error} fields={placed} />
      </form>
    </section>
  );
}
