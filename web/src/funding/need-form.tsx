import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { NEED_CATEGORIES, NEED_PRIORITIES, type NeedCreate } from '../../../src/modules/needs/needs.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { ApiError } from '../api/client.js';
import { FacilityPicker, useFacility } from '../monitoring/facility-picker.js';
import type { OutboxRecord } from '../offline/outbox-queue.js';
import { enqueue, flushOutbox, outboxSnapshot } from '../offline/outbox-runner.js';
import { useOutbox } from '../offline/use-outbox.js';
import { fieldErrorsOf, FormField, FormProblems, formText } from '../app/forms/form-field.js';
import { REPORTING_CURRENCIES } from './money.js';
import { useNeedUnits } from './use-needs.js';
import { localName } from '../app/local-name.js';

const FIELDS = ['/facilityId', '/category', '/specification', '/quantity', '/unit', '/priority', '/neededBy', '/estimate/unitPrice', '/estimate/currency'];

/** The server's refusal of a record kept in the outbox, as the error the form shows under its fields. */
const refusalOf = (record: OutboxRecord | undefined): ApiError | null =>
  record?.error === null || record?.error === undefined ? null : new ApiError(record.error.status, '', record.error.detail, record.error.errors);

/**
 * Raises a need of a facility: coordinators for facilities in their areas, reporters for their own. The picker
 * offers only facilities the caller works for (?facilityId= from My facility chooses one). It waits for a
 * coordinator's approval. Units come from the controlled list, offered as suggestions; plurals such as "vials"
 * are accepted. Like reports, the need goes through the outbox (a `need` record whose UUID becomes the need's
 * id), so it can be raised without a connection; ?outbox= reopens a record the server refused, to correct it.
 */
export function NeedForm() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const outbox = useOutbox();
  const wanted = params.get('outbox');
  if (wanted !== null && !outbox.ready) return <p className="muted">{t('app.loading')}</p>;
  const correcting = outbox.records.find((r) => r.clientId === wanted && r.kind === 'need');
  return <NeedFormView key={correcting?.clientId ?? 'new'} correcting={correcting} facilityId={params.get('facilityId') ?? ''} />;
}

function NeedFormView({ correcting, facilityId: chosen }: { correcting: OutboxRecord | undefined; facilityId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const reporter = !hasAnyRole(session.data, ['admin', 'coordinator']);
  const units = useNeedUnits();
  const sent = correcting?.body as Partial<NeedCreate> | undefined;
  const [facilityId, setFacilityId] = useState(sent?.facilityId ?? chosen);
  const facility = useFacility(facilityId);
  // A record the server refused stays in the outbox; resubmitting corrects that record (same UUID) rather than adding one.
  const [refused, setRefused] = useState<OutboxRecord | undefined>(correcting);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const error = refusalOf(refused);
  const errors = fieldErrorsOf(error);

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => formText(f, k);
    if (facilityId === '') return setProblem(t('monitoring.report.chooseFacility'));
    const body: NeedCreate = {
      facilityId,
      category: text('category') as NeedCreate['category'],
      specification: text('specification'),
      quantity: text('quantity'),
      unit: text('unit'),
      priority: text('priority') as NeedCreate['priority'],
      neededBy: text('neededBy') === '' ? null : text('neededBy'),
      estimate: text('unitPrice') === '' ? null : { unitPrice: text('unitPrice'), currency: text('currency') },
    };
    const place = facility.data === undefined ? '' : ` · ${localName(facility.data, i18n.language)}`;
    const label = `${t('monitoring.inbox.kinds.need')}${place} · ${body.quantity} ${body.unit} ${body.specification}`;
    setProblem(null);
    setBusy(true);
    try {
      const record = await enqueue({ kind: 'need', body, label, ...(refused === undefined ? {} : { replaces: refused }) });
      // Online, the outbox sends it at once: wait for that answer, so a refusal shows here under its field.
      if (navigator.onLine) await flushOutbox();
      const waiting = outboxSnapshot().records.find((r) => r.clientId === record.clientId);
      if (waiting?.state === 'failed') return setRefused(waiting);
      if (waiting === undefined) return void navigate(`/needs/${record.clientId}`);
      // Offline: it waits in the outbox; a reporter goes back to its facility's page, which lists it as waiting.
      if (reporter) return void navigate(`/my-facility/${facilityId}`);
      setRefused(undefined);
      setSaved(label);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <p>
        <Link to="/needs">← {t('funding.needs.title')}</Link>
      </p>
      <h1>{t('funding.needs.create')}</h1>
      {reporter ? <p className="muted">{t('funding.needs.reporterHint')}</p> : null}
      <form className="form-grid" data-testid="need-form" onSubmit={(e) => void submit(e)} noValidate>
        <FacilityPicker value={facilityId} onChange={setFacilityId} label={t('funding.needs.facility')} />
        {errors.has('/facilityId') ? (
          <p className="field-error" data-testid="field-error" lang="en">
            {errors.get('/facilityId')}
          </p>
        ) : null}
        <FormField label={t('funding.needs.category')} error={errors.get('/category')}>
          {(props) => (
            <select {...props} name="category" defaultValue={sent?.category ?? 'medicine'}>
              {NEED_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`funding.needs.categoryValues.${c}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('funding.needs.specification')} error={errors.get('/specification')}>
          {(props) => <input {...props} name="specification" maxLength={2000} defaultValue={sent?.specification} />}
        </FormField>
        <FormField label={t('funding.needs.quantity')} error={errors.get('/quantity')} hint={t('funding.needs.quantityHint')}>
          {(props) => <input {...props} name="quantity" inputMode="decimal" autoComplete="off" defaultValue={sent?.quantity} />}
        </FormField>
        <FormField label={t('funding.needs.unit')} error={errors.get('/unit')} hint={t('funding.needs.unitHint')}>
          {(props) => (
            <>
              <input {...props} name="unit" maxLength={50} list="need-units" autoComplete="off" defaultValue={sent?.unit} />
              <datalist id="need-units">
                {(units.data?.items ?? []).map((u) => (
                  <option key={u.code} value={u.code}>
                    {t(`funding.needs.unitValues.${u.code}`, { defaultValue: u.code })}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </FormField>
        <FormField label={t('funding.needs.priority')} error={errors.get('/priority')}>
          {(props) => (
            <select {...props} name="priority" defaultValue={sent?.priority ?? 'high'}>
              {NEED_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`funding.needs.priorityValues.${p}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('funding.needs.neededBy')} error={errors.get('/neededBy')}>
          {(props) => <input {...props} name="neededBy" type="date" defaultValue={sent?.neededBy ?? undefined} />}
        </FormField>
        <FormField label={t('funding.needs.unitPrice')} error={errors.get('/estimate/unitPrice')}>
          {(props) => <input {...props} name="unitPrice" inputMode="decimal" autoComplete="off" defaultValue={sent?.estimate?.unitPrice} />}
        </FormField>
        <FormField label={t('funding.needs.priceCurrency')} error={errors.get('/estimate/currency')}>
          {(props) => (
            <select {...props} name="currency" defaultValue={sent?.estimate?.currency ?? 'UAH'}>
              {REPORTING_CURRENCIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {t('funding.needs.save')}
          </button>
        </div>
      </form>
      {problem === null ? null : (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <FormProblems error={error} fields={FIELDS} />
      {saved === null ? null : (
        <p className="notice" role="status" data-testid="saved">
          {t('monitoring.form.saved', { label: saved })} <Link to="/monitoring/outbox">{t('monitoring.outbox.title')}</Link>
        </p>
      )}
    </section>
  );
}
