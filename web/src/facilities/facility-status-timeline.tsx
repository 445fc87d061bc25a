import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StatusReport } from '../../../src/modules/monitoring/status.schema.js';
import { api } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { formatDate } from '../app/format/dates.js';

/** The facility's status over time, newest first (power only for those who may see it: the API sends null otherwise). */
export function FacilityStatusTimeline({ facilityId, canReport }: { facilityId: string; canReport: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const reports = useQuery({ queryKey: ['status-reports', facilityId], queryFn: () => api<{ items: StatusReport[] }>(`/api/v1/status-reports?facility=${facilityId}&limit=26`) });
  const items = reports.data?.items ?? [];
  return (
    <section aria-labelledby="status-timeline">
      <h2 id="status-timeline">{t('monitoring.facility.timeline')}</h2>
      {canReport ? (
        <p>
          <Link className="button" to={`/monitoring/report?facility=${facilityId}`}>
            {t('monitoring.facility.report')}
          </Link>
        </p>
      ) : null}
      {reports.isError ? <ErrorState error={reports.error} /> : null}
      {reports.isSuccess && items.length === 0 ? <p className="muted">{t('monitoring.facility.noStatus')}</p> : null}
      {items.length === 0 ? null : (
        <div className="table-wrap compact">
          <table className="data" data-testid="status-timeline">
            <thead>
              <tr>
                <th scope="col">{t('monitoring.report.observedAt')}</th>
                <th scope="col">{t('monitoring.report.functionality')}</th>
                <th scope="col">{t('monitoring.report.building')}</th>
                <th scope="col">{t('monitoring.report.accessibility')}</th>
                <th scope="col">{t('monitoring.report.power')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>{formatDate(r.observedAt, lang)}</td>
                  <td>{t(`monitoring.functionality.${r.functionality}`)}</td>
                  <td>{t(`monitoring.building.${r.buildingCondition}`)}</td>
                  <td>{t(`monitoring.accessibility.${r.accessibility}`)}</td>
                  <td>{r.powerSource === null ? <span className="muted">{t('monitoring.incident.restricted')}</span> : t(`monitoring.power.${r.powerSource}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
