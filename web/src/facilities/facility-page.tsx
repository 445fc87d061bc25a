import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Facility, FacilityHistoryEntry } from '../../../src/modules/facilities/facilities.schema.js';
import { api } from '../api/client.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { ErrorState } from '../app/states.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { AccessBadge } from './access-badge.js';
import { FacilityEditForm } from './facility-edit-form.js';
import { FacilityStatusTimeline } from './facility-status-timeline.js';
import { oblastName, useOblasts } from './use-areas.js';
import { formatDate, formatDateTime } from '../app/format/dates.js';

export function FacilityPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const oblasts = useOblasts();
  const me = useSession().data ?? null;
  const facility = useQuery({ queryKey: ['facility', id], queryFn: () => api<Facility>(`/api/v1/facilities/${id}`) });
  const history = useQuery({ queryKey: ['facility', id, 'history'], queryFn: () => api<{ items: FacilityHistoryEntry[] }>(`/api/v1/facilities/${id}/history`) });
  if (facility.isError) return <ErrorState error={facility.error} />;
  const f = facility.data;
  if (f === undefined) return <p className="muted">{t('app.loading')}</p>;
  const number = new Intl.NumberFormat(LOCALE[lang]);
  const coordinate = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 5 });
  const rows: [string, React.ReactNode][] = [
    [t('facilities.code'), <code key="c">{f.code}</code>],
    [t('facilities.type'), t(`types.${f.type}`)],
    [t('facilities.tier'), t(`tiers.${f.tier}`)],
    [t('facilities.ownership'), t(`ownerships.${f.ownership}`)],
    [t('facilities.oblast'), oblastName(oblasts.data?.items, f.oblastIso, lang)],
    [t('facilities.beds'), number.format(f.beds)],
    [t('facilities.staff'), number.format(f.staff)],
    [t('facilities.coordinates'), `${coordinate.format(f.lat)}, ${coordinate.format(f.lon)}${f.coordinatePrecision === 'rounded' ? ` (${t('facilities.coordinatesRounded')})` : ''}`],
    [t('facilities.openedOn'), f.openedOn === null ? '—' : formatDate(f.openedOn, lang)],
    [t('facilities.status'), f.closedOn === null ? t('facilities.open') : `${t('facilities.closed')} ${formatDate(f.closedOn, lang)}${f.closedReason === null ? '' : `: ${f.closedReason}`}`],
  ];
  return (
    <article>
      <p>
        <Link to="/facilities">← {t('facilities.title')}</Link>
      </p>
      <h1 lang={lang === 'uk' ? 'uk' : 'en'}>{lang === 'uk' ? f.nameUk : f.nameEn}</h1>
      <p className="muted" lang={lang === 'uk' ? 'en' : 'uk'}>
        {lang === 'uk' ? f.nameEn : f.nameUk}
      </p>
      <AccessBadge access={f.accessStatus} />
      <section aria-labelledby="details">
        <h2 id="details">{t('facilities.details')}</h2>
        <dl className="details">
          {rows.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="services">
        <h2 id="services">{t('facilities.services')}</h2>
        {f.services.length === 0 ? (
          <p className="muted">{t('facilities.noServices')}</p>
        ) : (
          <ul className="chips">
            {f.services.map((s) => (
              <li key={s}>{t(`services.${s}`)}</li>
            ))}
          </ul>
        )}
      </section>
      {f.closedOn === null ? <FacilityStatusTimeline facilityId={f.id} canReport={hasAnyRole(me, ['admin', 'coordinator', 'facility_reporter'])} /> : null}
      {f.closedOn === null && hasAnyRole(me, ['admin', 'coordinator']) ? <FacilityEditForm key={f.version} facility={f} /> : null}
      <section aria-labelledby="history">
        <h2 id="history">{t('facilities.history')}</h2>
        <div className="table-wrap">
          <table className="data" data-testid="history-table">
            <thead>
              <tr>
                <th scope="col">{t('facilities.version')}</th>
                <th scope="col">{t('facilities.action')}</th>
                <th scope="col">{t('facilities.at')}</th>
                <th scope="col">{t('facilities.actor')}</th>
                <th scope="col">{t('facilities.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {(history.data?.items ?? []).map((h) => (
                <tr key={h.version}>
                  <td className="num">{h.version}</td>
                  <td>{t(`facilities.actions.${h.action}`, { defaultValue: h.action })}</td>
                  <td>{formatDateTime(h.at, lang)}</td>
                  <td>{h.actor ?? '—'}</td>
                  <td>
                    {h.action === 'create'
                      ? t('facilities.fieldsSet', { count: Object.keys(h.change).length })
                      : Object.entries(h.change)
                          .map(([k, c]) => `${k}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`)
                          .join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </article>
  );
}
