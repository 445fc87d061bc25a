import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ATTACK_TYPES, CERTAINTIES, RESOURCES, type IncidentCreate } from '../../../src/modules/monitoring/incidents.schema.js';
import { formatDateTime } from '../app/format/dates.js';
import { localName } from '../app/local-name.js';
import { oblastName, useOblasts } from '../facilities/use-areas.js';
import { CorrectionNotice } from './correction-notice.js';
import { FacilityPicker, useFacility } from './facility-picker.js';
import { CheckList, EnumSelect, NumberField } from './form-fields.js';
import type { OutboxRecord } from '../offline/outbox-queue.js';
import { enqueue } from '../offline/outbox-runner.js';
import { useOutbox } from '../offline/use-outbox.js';
import { localDateTime } from './status-report-body.js';
import { areaName } from '../facilities/area-names.js';

const CASUALTIES = ['healthWorkersKilled', 'healthWorkersInjured', 'patientsKilled', 'patientsInjured'] as const;

interface IncidentForm {
  occurredAt: string;
  facilityId: string;
  areaKatottg: string;
  attackTypes: string[];
  resourcesAffected: string[];
  counts: Record<(typeof CASUALTIES)[number], string>;
  certainty: string;
  source: string;
  narrative: string;
}

const emptyForm = (facilityId = ''): IncidentForm => ({ occurredAt: localDateTime(new Date()), facilityId, areaKatottg: '', attackTypes: [], resourcesAffected: [], counts: { healthWorkersKilled: '', healthWorkersInjured: '', patientsKilled: '', patientsInjured: '' }, certainty: '', source: '', narrative: '' });

function formFromBody(b: Partial<IncidentCreate>): IncidentForm {
  const text = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  return {
    occurredAt: b.occurredAt === undefined ? localDateTime(new Date()) : localDateTime(new Date(b.occurredAt)),
    facilityId: text(b.facilityId),
    areaKatottg: text(b.areaKatottg),
    attackTypes: [...(b.attackTypes ?? [])],
    resourcesAffected: [...(b.resourcesAffected ?? [])],
    counts: { healthWorkersKilled: text(b.healthWorkersKilled), healthWorkersInjured: text(b.healthWorkersInjured), patientsKilled: text(b.patientsKilled), patientsInjured: text(b.patientsInjured) },
    certainty: text(b.certainty),
    source: b.source ?? '',
    narrative: b.narrative ?? '',
  };
}

/** The API body: a facility, or an area when no facility is named; empty fields are left out. */
function incidentBody(form: IncidentForm): IncidentCreate {
  const counts = Object.fromEntries(CASUALTIES.filter((k) => form.counts[k].trim() !== '').map((k) => [k, Number(form.counts[k])]));
  return {
    occurredAt: new Date(form.occurredAt).toISOString(),
    ...(form.facilityId === '' ? { areaKatottg: form.areaKatottg } : { facilityId: form.facilityId }),
    attackTypes: form.attackTypes as IncidentCreate['attackTypes'],
    ...(form.resourcesAffected.length > 0 ? { resourcesAffected: form.resourcesAffected as NonNullable<IncidentCreate['resourcesAffected']> } : {}),
    ...counts,
    certainty: form.certainty as IncidentCreate['certainty'],
    ...(form.source.trim() === '' ? {} : { source: form.source.trim() }),
    ...(form.narrative.trim() === '' ? {} : { narrative: form.narrative.trim() }),
  };
}

/** Records an attack on health care (admins, coordinators, a facility's reporters); like reports, it goes through the outbox. */
export function IncidentFormPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const outbox = useOutbox();
  const wanted = params.get('outbox');
  if (wanted !== null && !outbox.ready) return <p className="muted">{t('app.loading')}</p>;
  const correcting = outbox.records.find((r) => r.clientId === wanted && r.kind === 'incident');
  // ?facility= comes from a facility's own page ("report an attack on this facility"): that facility is chosen already.
  // ?corrects= comes from My facility: the new incident corrects a returned one (review.service.ts linkCorrection).
  return <IncidentFormView key={correcting?.clientId ?? params.get('corrects') ?? 'new'} correcting={correcting} facilityId={params.get('facility') ?? ''} corrects={params.get('corrects')} />;
}

function IncidentFormView({ correcting, facilityId, corrects }: { correcting: OutboxRecord | undefined; facilityId: string; corrects: string | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const oblasts = useOblasts();
  const [form, setForm] = useState<IncidentForm>(() => (correcting === undefined ? emptyForm(facilityId) : formFromBody(correcting.body)));
  const facility = useFacility(form.facilityId);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof IncidentForm>(key: K, value: IncidentForm[K]) => setForm((prev) => ({ ...prev, [key]: value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (form.attackTypes.length === 0) return setProblem(t('monitoring.incident.typeRequired'));
    if (form.facilityId === '' && form.areaKatottg === '') return setProblem(t('monitoring.incident.placeRequired'));
    setProblem(null);
    // The outbox names the record by its kind, its place and its time: never by its id.
    const area = oblasts.data?.items.find((a) => a.katottg === form.areaKatottg);
    const place = facility.data !== undefined && form.facilityId !== '' ? localName(facility.data, i18n.language) : area === undefined ? '' : oblastName(oblasts.data?.items, area.iso3166_2 ?? '', i18n.language);
    const label = [t('monitoring.inbox.kinds.incident'), place, formatDateTime(new Date(form.occurredAt), i18n.language)].filter((x) => x !== '').join(' · ');
    try {
      await enqueue({ kind: 'incident', body: corrects === null ? incidentBody(form) : { ...incidentBody(form), corrects }, label, ...(correcting === undefined ? {} : { replaces: correcting }) });
    } catch (err) {
      return setProblem(err instanceof Error ? err.message : String(err));
    }
    if (correcting !== undefined) return void navigate('/monitoring/outbox');
    if (corrects !== null) return void navigate(facilityId === '' ? '/monitoring/incidents' : `/my-facility/${facilityId}`);
    setSaved(label);
    setForm(emptyForm(facilityId));
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="incident-title" data-testid="incident-form">
      <h2 id="incident-title">{t('monitoring.incident.new')}</h2>
      {corrects === null ? null : <CorrectionNotice kind="incident" id={corrects} />}
      {correcting?.error === null || correcting === undefined ? null : (
        <p className="error" role="alert">
          {t('monitoring.report.correcting')} <span lang="en">{correcting.error.detail}</span>
        </p>
      )}
      <fieldset>
        <legend>{t('monitoring.incident.place')}</legend>
        <div className="form-grid">
          <label>
            {t('monitoring.incident.occurredAt')}
            <input type="datetime-local" name="occurredAt" required value={form.occurredAt} onChange={(e) => set('occurredAt', e.target.value)} />
          </label>
          <label>
            {t('monitoring.incident.area')}
            <select name="area" value={form.areaKatottg} disabled={form.facilityId !== ''} onChange={(e) => set('areaKatottg', e.target.value)}>
              <option value="">{t('monitoring.form.choose')}</option>
              {(oblasts.data?.items ?? []).map((a) => (
                <option key={a.katottg} value={a.katottg}>
                  {areaName(a, i18n.language)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <FacilityPicker value={form.facilityId} onChange={(id) => set('facilityId', id)} label={t('monitoring.incident.facility')} optional />
      </fieldset>
      <CheckList name="attackTypes" legend={t('monitoring.incident.attackTypes')} values={ATTACK_TYPES} labels="monitoring.attackTypes" selected={form.attackTypes} onChange={(v) => set('attackTypes', v)} />
      <CheckList name="resourcesAffected" legend={t('monitoring.incident.resources')} values={RESOURCES} labels="monitoring.resources" selected={form.resourcesAffected} onChange={(v) => set('resourcesAffected', v)} />
      <fieldset>
        <legend>{t('monitoring.incident.casualties')}</legend>
        <div className="form-grid">
          {CASUALTIES.map((k) => (
            <NumberField key={k} name={k} label={t(`monitoring.incident.${k}`)} value={form.counts[k]} onChange={(v) => set('counts', { ...form.counts, [k]: v })} max={100000} />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('monitoring.incident.sourceGroup')}</legend>
        <div className="form-grid">
          <EnumSelect name="certainty" label={t('monitoring.incident.certainty')} values={CERTAINTIES} labels="monitoring.certainty" value={form.certainty} onChange={(v) => set('certainty', v)} required />
          <label>
            {t('monitoring.incident.source')}
            <input name="source" maxLength={500} value={form.source} onChange={(e) => set('source', e.target.value)} />
          </label>
        </div>
        <label className="field">
          {t('monitoring.incident.narrative')}
          <textarea name="narrative" rows={4} maxLength={5000} value={form.narrative} onChange={(e) => set('narrative', e.target.value)} />
        </label>
      </fieldset>
      <p className="actions">
        <button type="submit">{t('monitoring.incident.submit')}</button>
      </p>
      {problem === null ? null : (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {saved === null ? null : (
        <p className="notice" role="status">
          {t('monitoring.form.saved', { label: saved })} <Link to="/monitoring/outbox">{t('monitoring.outbox.title')}</Link>
        </p>
      )}
    </form>
  );
}
