import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import type { Facility } from '../../../src/modules/facilities/facilities.schema.js';
import { EmptyState } from '../app/states.js';
import { useFacility } from '../monitoring/facility-picker.js';
import { useOutbox } from '../offline/use-outbox.js';
import { DeliveryConfirm } from './delivery-confirm.js';
import { EquipmentSection } from './equipment-section.js';
import './my-facility.css';
import { ReturnedReports } from './returned-reports.js';
import { StockSection } from './stock-section.js';
import { useFacilityWork, useRefreshAfterSync, useWorkFacilities } from './use-my-facility.js';
import { formatDate, formatDateTime } from '../app/format/dates.js';
import { donorNameOf } from '../app/format/organization-name.js';

const nameOf = (f: Facility, language: string) => (language === 'uk' ? f.nameUk : f.nameEn);
/** A field of a record waiting in the outbox (its body is what the form wrote: text fields). */
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * "My facility": the facility reporter's home (DESIGN §1). With one facility it opens it; with several it lets
 * the user choose. Only facilities the user works for are offered (GET /facilities?scope=work).
 */
export function MyFacilityPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const facilities = useWorkFacilities();
  const items = facilities.data?.items ?? [];
  if (id !== undefined) return <FacilityWork facilityId={id} />;
  if (facilities.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (items.length === 1 && items[0] !== undefined) return <Navigate to={`/my-facility/${items[0].id}`} replace />;
  if (items.length === 0) return <EmptyState title={t('myFacility.title')} hint={t('myFacility.none')} />;
  return (
    <section className="my-facility">
      <h1>{t('myFacility.title')}</h1>
      <p>{t('myFacility.choose')}</p>
      <ul className="mf-cards" data-testid="facility-chooser">
        {items.map((f) => (
          <li key={f.id} className="mf-card">
            <Link to={`/my-facility/${f.id}`}>{nameOf(f, i18n.language)}</Link> <span className="muted">{f.code}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FacilityWork({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const facility = useFacility(facilityId);
  const work = useFacilityWork(facilityId);
  const outbox = useOutbox();
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  useRefreshAfterSync();
  const report = work.status.data?.report ?? null;
  const pendingReceipts = new Set(outbox.records.filter((r) => r.kind === 'receipt').map((r) => r.body.shipmentId));
  // Needs raised here and not yet on the server (offline): shown with the server's, marked as waiting.
  const pendingNeeds = outbox.records.filter((r) => r.kind === 'need' && r.body.facilityId === facilityId);
  const needs = work.needs.data?.items ?? [];
  const onSaved = (label: string) => {
    setSaved(label);
    setConfirming(null);
  };

  return (
    <section className="my-facility" data-testid="my-facility">
      <h1>{facility.data === undefined ? t('myFacility.title') : nameOf(facility.data, i18n.language)}</h1>
      <p className="muted">
        {t('myFacility.title')} · <Link to="/my-facility">{t('myFacility.otherFacility')}</Link>
        {outbox.records.length > 0 ? (
          <>
            {' · '}
            <Link to="/monitoring/outbox">{t('myFacility.outbox', { count: outbox.records.length })}</Link>
          </>
        ) : null}
      </p>
      {outbox.online ? null : <p className="notice">{t('myFacility.offlineNote')}</p>}
      {saved === null ? null : (
        <p className="notice" role="status" data-testid="saved">
          {t('myFacility.saved', { label: saved })}
        </p>
      )}

      <section aria-labelledby="mf-status">
        <h2 id="mf-status">{t('myFacility.status.title')}</h2>
        {report === null ? (
          <p className="muted">{t('myFacility.status.never')}</p>
        ) : (
          <p>
            {t('myFacility.status.last', { at: formatDateTime(report.observedAt, i18n.language), by: report.reporter })}
            <br />
            {t('myFacility.status.functionality', { value: t(`monitoring.functionality.${report.functionality}`) })}
          </p>
        )}
        <p className="actions">
          <Link className="button" to={`/monitoring/report?facility=${facilityId}`}>
            {t('myFacility.status.report')}
          </Link>
          <Link className="button" to={`/monitoring/incidents/new?facility=${facilityId}`} data-testid="report-attack">
            {t('myFacility.attack.report')}
          </Link>
        </p>
      </section>

      <ReturnedReports facilityId={facilityId} />

      <section aria-labelledby="mf-needs">
        <h2 id="mf-needs">{t('myFacility.needs.title')}</h2>
        {needs.length + pendingNeeds.length === 0 ? <p className="muted">{t('myFacility.needs.none')}</p> : null}
        <ul className="mf-cards">
          {pendingNeeds.map((n) => (
            <li key={n.clientId} className="mf-card" data-testid="need-waiting">
              <strong>{textOf(n.body.specification)}</strong>
              <p className="muted">
                {textOf(n.body.quantity)} {textOf(n.body.unit)}
              </p>
              <p className="notice">{t('myFacility.needs.waiting')}</p>
            </li>
          ))}
          {needs.map((n) => (
            <li key={n.id} className="mf-card" data-testid="need">
              <Link to={`/needs/${n.id}`}>{n.specification}</Link>
              <p className="muted">
                {t(`funding.needs.statusValues.${n.status}`, { defaultValue: n.status })} · {t('myFacility.needs.delivered', { delivered: n.delivered, quantity: n.quantity, unit: n.unit })}
              </p>
            </li>
          ))}
        </ul>
        <p className="actions">
          <Link className="button" to={`/needs/new?facilityId=${facilityId}`}>
            {t('myFacility.needs.raise')}
          </Link>
          <Link to={`/needs?facilityId=${facilityId}`}>{t('myFacility.needs.all')}</Link>
        </p>
      </section>

      <section aria-labelledby="mf-deliveries">
        <h2 id="mf-deliveries">{t('myFacility.deliveries.title')}</h2>
        {work.shipmentsPending ? <p className="muted">{t('app.loading')}</p> : work.shipments.length === 0 ? <p className="muted">{t('myFacility.deliveries.none')}</p> : null}
        <ul className="mf-cards">
          {work.shipments.map((s) => (
            <li key={s.id} className="mf-card" data-testid={`shipment-${s.donorReference}`}>
              <strong>{s.donorReference}</strong>
              <p className="muted">{t('myFacility.deliveries.from', { donor: donorNameOf(s, i18n.language), ref: s.donorReference, date: formatDate(s.expectedArrival, i18n.language) })}</p>
              {pendingReceipts.has(s.id) ? <p className="notice">{t('myFacility.deliveries.pending')}</p> : null}
              <p className="actions">
                <button type="button" className={confirming === s.id ? 'secondary' : ''} onClick={() => setConfirming(confirming === s.id ? null : s.id)}>
                  {confirming === s.id ? t('myFacility.deliveries.close') : t('myFacility.deliveries.confirm')}
                </button>
              </p>
              {confirming === s.id ? <DeliveryConfirm shipment={s} onDone={onSaved} /> : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="mf-stock">
        <h2 id="mf-stock">{t('myFacility.stock.title')}</h2>
        <StockSection balances={work.stock.data?.items ?? []} onSaved={onSaved} />
      </section>

      <section aria-labelledby="mf-equipment">
        <h2 id="mf-equipment">{t('myFacility.equipment.title')}</h2>
        <EquipmentSection assets={work.assets.data?.items ?? []} onSaved={onSaved} />
      </section>
    </section>
  );
}
