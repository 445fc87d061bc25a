import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { SERVICE_CODES, SERVICES } from '../../../src/modules/facilities/facilities.schema.js';
import {
  ACCESSIBILITIES, BUILDING_CONDITIONS, COLD_CHAIN_STATES, FUNCTIONALITIES, FUNCTIONALITY_REASONS, POWER_SOURCES, SERVICE_REASONS, SERVICE_STATUSES, WATER_STATES,
} from '../../../src/modules/monitoring/status.schema.js';
import { formatDateTime } from '../app/format/dates.js';
import { localName } from '../app/local-name.js';
import { CorrectionNotice } from './correction-notice.js';
import { FacilityPicker, useFacility } from './facility-picker.js';
import { CheckList, EnumSelect, NumberField } from './form-fields.js';
import type { OutboxRecord } from '../offline/outbox-queue.js';
import { enqueue } from '../offline/outbox-runner.js';
import { useOutbox } from '../offline/use-outbox.js';
import { capacityFields, emptyReportForm, formFromBody, reportBody, type ReportForm } from './status-report-body.js';
import { ProblemList } from '../app/problem-list.js';

/**
 * The phone-sized status report form (DESIGN §4). Whatever the connection, a report goes into the outbox first
 * and is sent from there, so online and offline take the same path and a resend can never duplicate it.
 */
export function StatusReportPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const outbox = useOutbox();
  const wanted = params.get('outbox');
  // Correcting a refused record: wait for the outbox to load, then start the form from that record.
  if (wanted !== null && !outbox.ready) return <p className="muted">{t('app.loading')}</p>;
  const correcting = outbox.records.find((r) => r.clientId === wanted && r.kind === 'status_report');
  // ?corrects= comes from My facility: the new report corrects a returned one (review.service.ts linkCorrection).
  return <ReportFormView key={correcting?.clientId ?? params.get('corrects') ?? 'new'} correcting={correcting} facilityId={params.get('facility') ?? ''} corrects={params.get('corrects')} />;
}

function ReportFormView({ correcting, facilityId, corrects }: { correcting: OutboxRecord | undefined; facilityId: string; corrects: string | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState<ReportForm>(() => (correcting === undefined ? emptyReportForm(facilityId) : formFromBody(correcting.body)));
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const facility = useFacility(form.facilityId);
  const f = facility.data;
  const set = <K extends keyof ReportForm>(key: K, value: ReportForm[K]) => setForm((prev) => ({ ...prev, [key]: value }));
  const offered = f?.services ?? [];
  const { rehab, mental } = capacityFields(f?.type ?? '', offered);
  const notOffered = SERVICE_CODES.filter((c) => !offered.includes(c));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (f === undefined) return;
    setError(null);
    const label = `${t('monitoring.inbox.kinds.status_report')} · ${localName(f, i18n.language)} · ${formatDateTime(new Date(form.observedAt), i18n.language)}`;
    try {
      const record = await enqueue({ kind: 'status_report', body: corrects === null ? reportBody(form, f) : { ...reportBody(form, f), corrects }, label, ...(correcting === undefined ? {} : { replaces: correcting }) });
      if (correcting !== undefined) return void navigate('/monitoring/outbox');
      if (corrects !== null) return void navigate(`/my-facility/${form.facilityId}`);
      setSaved(record.label);
      // The next report is usually for the same facility a moment later.
      setForm(emptyReportForm(form.facilityId));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="report-title" data-testid="status-report-form">
      <h2 id="report-title">{t('monitoring.report.title')}</h2>
      {corrects === null ? null : <CorrectionNotice kind="status" id={corrects} />}
      {correcting?.error === null || correcting === undefined ? null : (
        <div className="error" role="alert">
          <p>{t('monitoring.report.correcting')}</p>
          {correcting.error.errors.length === 0 ? <p lang="en">{correcting.error.detail}</p> : <ProblemList problems={correcting.error.errors} />}
        </div>
      )}
      <fieldset>
        <legend>{t('monitoring.report.facility')}</legend>
        <FacilityPicker value={form.facilityId} onChange={(id) => setForm((prev) => ({ ...emptyReportForm(id), observedAt: prev.observedAt }))} label={t('monitoring.report.facility')} />
        <div className="form-grid">
          <label>
            {t('monitoring.report.observedAt')}
            <input type="datetime-local" name="observedAt" required value={form.observedAt} max={emptyReportForm().observedAt} onChange={(e) => set('observedAt', e.target.value)} />
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('monitoring.report.groupSite')}</legend>
        <div className="form-grid">
          <EnumSelect name="buildingCondition" label={t('monitoring.report.building')} values={BUILDING_CONDITIONS} labels="monitoring.building" value={form.buildingCondition} onChange={(v) => set('buildingCondition', v)} required />
          <label>
            {t('monitoring.report.buildingCause')}
            <input name="buildingCause" maxLength={500} value={form.buildingCause} onChange={(e) => set('buildingCause', e.target.value)} />
          </label>
          <EnumSelect name="functionality" label={t('monitoring.report.functionality')} values={FUNCTIONALITIES} labels="monitoring.functionality" value={form.functionality} onChange={(v) => set('functionality', v)} required />
          <EnumSelect name="accessibility" label={t('monitoring.report.accessibility')} values={ACCESSIBILITIES} labels="monitoring.accessibility" value={form.accessibility} onChange={(v) => set('accessibility', v)} required />
        </div>
        {form.functionality === '' || form.functionality === 'fully' ? null : (
          <CheckList name="functionalityReasons" legend={t('monitoring.report.reasons')} values={FUNCTIONALITY_REASONS} labels="monitoring.functionalityReasons" selected={form.functionalityReasons} onChange={(v) => set('functionalityReasons', v)} />
        )}
        {form.accessibility === '' || form.accessibility === 'fully' ? null : (
          <label className="field">
            {t('monitoring.report.barriers')}
            <textarea name="accessibilityBarriers" rows={3} value={form.accessibilityBarriers} onChange={(e) => set('accessibilityBarriers', e.target.value)} />
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('monitoring.report.groupPower')}</legend>
        <div className="form-grid">
          <EnumSelect name="powerSource" label={t('monitoring.report.power')} values={POWER_SOURCES} labels="monitoring.power" value={form.powerSource} onChange={(v) => set('powerSource', v)} required />
          <NumberField name="outageHours7d" label={t('monitoring.report.outageHours')} value={form.outageHours7d} onChange={(v) => set('outageHours7d', v)} max={168} step="any" />
          <NumberField name="backupKw" label={t('monitoring.report.backupKw')} value={form.backupKw} onChange={(v) => set('backupKw', v)} max={100000} step="any" />
          <NumberField name="fuelLitres" label={t('monitoring.report.fuelLitres')} value={form.fuelLitres} onChange={(v) => set('fuelLitres', v)} max={10000000} step="any" />
          <EnumSelect name="water" label={t('monitoring.report.water')} values={WATER_STATES} labels="monitoring.water" value={form.water} onChange={(v) => set('water', v)} empty={t('monitoring.form.notStated')} />
          <EnumSelect name="coldChain" label={t('monitoring.report.coldChain')} values={COLD_CHAIN_STATES} labels="monitoring.coldChain" value={form.coldChain} onChange={(v) => set('coldChain', v)} empty={t('monitoring.form.notStated')} />
        </div>
      </fieldset>
      {f === undefined ? null : (
        <fieldset data-testid="services">
          <legend>{t('monitoring.report.services')}</legend>
          <p className="muted">{t('monitoring.report.servicesHint')}</p>
          {offered.length === 0 ? <p className="muted">{t('facilities.noServices')}</p> : null}
          {offered.map((code) => {
            const s = form.services[code] ?? { status: '', reasons: [] };
            const put = (next: { status: string; reasons: string[] }) => set('services', { ...form.services, [code]: next });
            return (
              <div className="service-row" key={code}>
                <span>
                  {t(`services.${code}`)} <span className="muted">· {t(`monitoring.domains.${SERVICES[code]}`)}</span>
                </span>
                <select aria-label={t(`services.${code}`)} name={`service-${code}`} value={s.status} onChange={(e) => put({ status: e.target.value, reasons: e.target.value === 'partially' || e.target.value === 'not_available' ? s.reasons : [] })}>
                  <option value="">{t('monitoring.serviceStatus.not_reported')}</option>
                  {SERVICE_STATUSES.map((v) => (
                    <option key={v} value={v}>
                      {t(`monitoring.serviceStatus.${v}`)}
                    </option>
                  ))}
                </select>
                {s.status === 'partially' || s.status === 'not_available' ? (
                  <CheckList name={`reasons-${code}`} legend={t('monitoring.report.serviceReasons', { service: t(`services.${code}`) })} values={SERVICE_REASONS} labels="monitoring.serviceReasons" selected={s.reasons} onChange={(r) => put({ ...s, reasons: r })} max={3} />
                ) : null}
              </div>
            );
          })}
          {notOffered.length === 0 ? null : (
            <details>
              <summary>{t('monitoring.report.notOffered', { count: notOffered.length })}</summary>
              <ul className="chips">
                {notOffered.map((c) => (
                  <li key={c}>{t(`services.${c}`)}</li>
                ))}
              </ul>
            </details>
          )}
        </fieldset>
      )}
      {rehab || mental ? (
        <fieldset>
          <legend>{t('monitoring.report.capacity')}</legend>
          <div className="form-grid">
            {rehab ? <NumberField name="rehabBeds" label={t('monitoring.report.rehabBeds')} value={form.rehabBeds} onChange={(v) => set('rehabBeds', v)} max={100000} /> : null}
            {rehab ? <NumberField name="therapists" label={t('monitoring.report.therapists')} value={form.therapists} onChange={(v) => set('therapists', v)} max={100000} /> : null}
            {mental ? <NumberField name="psychologists" label={t('monitoring.report.psychologists')} value={form.psychologists} onChange={(v) => set('psychologists', v)} max={100000} /> : null}
            {mental ? <NumberField name="psychiatrists" label={t('monitoring.report.psychiatrists')} value={form.psychiatrists} onChange={(v) => set('psychiatrists', v)} max={100000} /> : null}
          </div>
        </fieldset>
      ) : null}
      <p className="actions">
        <button type="submit" disabled={f === undefined}>
          {t('monitoring.report.submit')}
        </button>
      </p>
      {saved === null ? null : (
        <p className="notice" role="status" data-testid="report-saved">
          {t('monitoring.form.saved', { label: saved })} <Link to="/monitoring/outbox">{t('monitoring.outbox.title')}</Link>
        </p>
      )}
      {error === null ? null : (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
