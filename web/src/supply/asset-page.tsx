import { useMutation, useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ASSET_STATUSES, type AssetDetail, type AssetStatusChange, type AssetUpdate, type MaintenanceCreate } from '../../../src/modules/assets/assets.schema.js';
import { api } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import { fieldErrorsOf, FormProblems } from '../app/forms/form-field.js';
import { Field, StatusBadge } from './supply-bits.js';
import { useSupplyRoles } from './supply-access.js';
import { useSupplyFormat, useSupplyRefresh } from './use-supply.js';

type Detail = Static<typeof AssetDetail>;
const MAINTENANCE_KINDS = ['preventive', 'repair', 'inspection', 'calibration'] as const;

/** One piece of equipment or one generator: where it is, its rating, its status and why, warranty, and the maintenance log. */
export function AssetPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useSupplyFormat();
  const { canWrite } = useSupplyRoles();
  const asset = useQuery({ queryKey: ['supply', 'assets', 'one', id], queryFn: () => api<Detail>(`/api/v1/assets/${id}`) });
  if (asset.isError) return <ErrorState error={asset.error} onRetry={() => void asset.refetch()} />;
  const a = asset.data;
  if (a === undefined) return <p className="muted">{t('app.loading')}</p>;
  const facts: [string, React.ReactNode][] = [
    [t('supply.product'), a.productName],
    [t('supply.assets.assetKind'), t(`supply.assets.assetKinds.${a.kind}`)],
    ...generatorFacts(a, t, f),
    [t('supply.assets.facility'), a.restricted ? <span className="muted">{t('supply.assets.restricted')}</span> : a.facilityId === null ? '—' : <Link to={`/facilities/${a.facilityId}`}>{t('supply.assets.openFacility')}</Link>],
    [t('supply.assets.installed'), f.date(a.installedOn)],
    [t('supply.assets.warranty'), f.date(a.warrantyUntil)],
    [t('supply.assets.interval'), a.maintenanceIntervalDays === null ? '—' : t('supply.overview.days', { days: f.number(a.maintenanceIntervalDays) })],
    [t('supply.assets.lastMaintained'), f.date(a.lastMaintainedOn)],
    [t('supply.assets.nextDue'), <>{f.date(a.nextMaintenanceDue)} {a.maintenanceState === null ? null : <StatusBadge group="maintenance" status={a.maintenanceState} />}</>],
    [t('supply.statusReason'), a.statusReason ?? '—'],
  ];
  return (
    <article data-testid="asset-page">
      <p>
        <Link to="/supply/assets">← {t('supply.assets.title')}</Link>
      </p>
      <h1>
        <code>{a.serial}</code> <StatusBadge group="asset" status={a.status} />
      </h1>
      <dl className="details">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {a.shipmentId === null ? null : (
          <div>
            <dt>{t('supply.lots.shipment')}</dt>
            <dd>
              <Link to={`/supply/shipments/${a.shipmentId}`}>{t('supply.lots.openShipment')}</Link>
            </dd>
          </div>
        )}
      </dl>
      {canWrite && a.status !== 'decommissioned' ? <AssetStatusForm asset={a} /> : null}
      {canWrite ? <AssetRecordForm asset={a} /> : null}
      <h2>{t('supply.assets.log')}</h2>
      {a.maintenance.length === 0 ? (
        <p className="muted">{t('supply.assets.noLog')}</p>
      ) : (
        <ul className="plain" data-testid="maintenance-log">
          {a.maintenance.map((m) => (
            <li key={m.id}>
              {f.date(m.performedOn)} · {t(`supply.assets.kinds.${m.kind}`)} · {m.performedBy}
              {m.note === null ? null : <span className="muted"> · {m.note}</span>}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? <MaintenanceForm assetId={a.id} /> : null}
    </article>
  );
}

function AssetStatusForm({ asset }: { asset: Detail }) {
  const { t } = useTranslation();
  const refresh = useSupplyRefresh();
  // In transit and in a warehouse are set by shipments, receipts and energy plans, never by hand.
  const options = ASSET_STATUSES.filter((s) => s !== asset.status && s !== 'in_transit' && s !== 'in_warehouse');
  const [status, setStatus] = useState<AssetStatusChange['status']>(options[0] ?? 'functioning');
  const [reason, setReason] = useState('');
  const [installedOn, setInstalledOn] = useState('');
  const save = useMutation({ mutationFn: (body: AssetStatusChange) => api(`/api/v1/assets/${asset.id}/status`, { method: 'POST', body }), onSuccess: () => (setReason(''), refresh()) });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form-grid"
      data-testid="asset-status-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ status, version: asset.version, ...(reason.trim() === '' ? {} : { reason: reason.trim() }), ...(installedOn === '' ? {} : { installedOn }) });
      }}
    >
      <Field label={t('supply.assets.changeStatus')} error={errors.get('/status')}>
        {(props) => (
          <select {...props} value={status} onChange={(e) => setStatus(e.target.value as AssetStatusChange['status'])}>
            {options.map((s) => (
              <option key={s} value={s}>
                {t(`supply.assetStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('supply.statusReason')} error={errors.get('/reason')} hint={t('supply.assets.reasonHint')}>
        {(props) => <input {...props} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {status === 'installed' ? (
        <Field label={t('supply.assets.installed')} error={errors.get('/installedOn')}>
          {(props) => <input {...props} type="date" value={installedOn} onChange={(e) => setInstalledOn(e.target.value)} />}
        </Field>
      ) : null}
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {t('supply.apply')}
        </button>
      </div>
      <FormProblems error={save.error} fields={['/status', '/reason', '/installedOn']} />
    </form>
  );
}

/** A generator's rating, fuel and fuel curve; nothing for equipment. */
function generatorFacts(a: Detail, t: (key: string, values?: Record<string, unknown>) => string, f: ReturnType<typeof useSupplyFormat>): [string, React.ReactNode][] {
  const g = a.generator;
  if (g === null) return [];
  return [
    [t('supply.assets.rating'), `${t('supply.assets.ratingValue', { kva: f.number(g.ratingKva), kw: f.number(g.ratingKw), usable: f.number(g.usableKw) })}${g.standby ? ` · ${t('supply.assets.standby')}` : ''}`],
    [t('supply.assets.fuel'), t('supply.assets.fuelValue', { fuel: g.fuelType, litres: f.number(g.tankLitres) })],
    [t('supply.assets.fuelCurve'), t('supply.assets.fuelCurveValue', { f0: f.number(g.fuelCurve.f0), f1: f.number(g.fuelCurve.f1) })],
  ];
}

/** Warranty date and maintenance interval, through PATCH /api/v1/assets/:id (the next due date follows). */
function AssetRecordForm({ asset }: { asset: Detail }) {
  const { t } = useTranslation();
  const refresh = useSupplyRefresh();
  const [warrantyUntil, setWarrantyUntil] = useState(asset.warrantyUntil ?? '');
  const [interval, setIntervalDays] = useState(asset.maintenanceIntervalDays === null ? '' : String(asset.maintenanceIntervalDays));
  const save = useMutation({ mutationFn: (body: AssetUpdate) => api(`/api/v1/assets/${asset.id}`, { method: 'PATCH', body }), onSuccess: () => refresh() });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form-grid"
      data-testid="asset-record-form"
      aria-label={t('supply.assets.editRecord')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ warrantyUntil: warrantyUntil === '' ? null : warrantyUntil, maintenanceIntervalDays: interval.trim() === '' ? null : Number(interval), version: asset.version });
      }}
    >
      <h2>{t('supply.assets.editRecord')}</h2>
      <Field label={t('supply.assets.warranty')} error={errors.get('/warrantyUntil')}>
        {(props) => <input {...props} type="date" value={warrantyUntil} onChange={(e) => setWarrantyUntil(e.target.value)} />}
      </Field>
      <Field label={t('supply.assets.intervalDays')} error={errors.get('/maintenanceIntervalDays')} hint={t('supply.assets.intervalHint')}>
        {(props) => <input {...props} type="number" min={1} max={3650} step={1} inputMode="numeric" value={interval} onChange={(e) => setIntervalDays(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {t('supply.assets.save')}
        </button>
      </div>
      <FormProblems error={save.error} fields={['/warrantyUntil', '/maintenanceIntervalDays']} />
    </form>
  );
}

function MaintenanceForm({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const refresh = useSupplyRefresh();
  const [performedOn, setPerformedOn] = useState(new Date().toISOString().slice(0, 10));
  const [kind, setKind] = useState<MaintenanceCreate['kind']>('preventive');
  const [note, setNote] = useState('');
  const save = useMutation({ mutationFn: (body: MaintenanceCreate) => api(`/api/v1/assets/${assetId}/maintenance`, { method: 'POST', body }), onSuccess: () => (setNote(''), refresh()) });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form-grid"
      data-testid="maintenance-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ performedOn, kind, ...(note.trim() === '' ? {} : { note: note.trim() }) });
      }}
    >
      <Field label={t('supply.assets.performedOn')} error={errors.get('/performedOn')}>
        {(props) => <input {...props} type="date" value={performedOn} onChange={(e) => setPerformedOn(e.target.value)} />}
      </Field>
      <Field label={t('supply.assets.kind')} error={errors.get('/kind')}>
        {(props) => (
          <select {...props} value={kind} onChange={(e) => setKind(e.target.value as MaintenanceCreate['kind'])}>
            {MAINTENANCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`supply.assets.kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('supply.assets.note')} error={errors.get('/note')}>
        {(props) => <input {...props} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {t('supply.assets.logMaintenance')}
        </button>
      </div>
      <FormProblems error={save.error} fields={['/performedOn', '/kind', '/note']} />
    </form>
  );
}
