import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACK_TYPES } from '../../../src/modules/monitoring/incidents.schema.js';
import type { Indicators } from '../../../src/modules/monitoring/indicators.schema.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { StackedBars } from './stacked-bars.js';
import { CATEGORY_COLOURS } from './status-colours.js';

/**
 * Attacks by month, stacked by type, and the table of incidents and casualties per month and type as the API
 * counts them (an incident of two types counts under each, so rows are not summed across types).
 */
export function IncidentChart({ items }: { items: Indicators['incidentsByMonth'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const number = useMemo(() => new Intl.NumberFormat(LOCALE[lang]), [lang]);
  const monthName = useMemo(() => new Intl.DateTimeFormat(LOCALE[lang], { year: 'numeric', month: 'short', timeZone: 'UTC' }), [lang]);
  const months = [...new Set(items.map((i) => i.month))].sort();
  const types = ATTACK_TYPES.filter((a) => items.some((i) => i.attackType === a));
  const label = (month: string) => monthName.format(new Date(`${month}-01T00:00:00Z`));
  if (items.length === 0) return <p className="muted">{t('monitoring.dashboard.noIncidents')}</p>;
  return (
    <>
      <StackedBars
        title={t('monitoring.dashboard.incidents')}
        testId="chart-incidents"
        palette={CATEGORY_COLOURS}
        format={(n) => number.format(n)}
        rows={months.map((m) => ({ key: m, label: label(m), segments: types.map((a) => ({ key: a, label: t(`monitoring.attackTypes.${a}`), value: items.find((i) => i.month === m && i.attackType === a)?.incidents ?? 0 })) }))}
      />
      <details>
        <summary>{t('monitoring.dashboard.incidentTable')}</summary>
        <div className="table-wrap compact">
          <table className="data" data-testid="incident-table">
            <thead>
              <tr>
                <th scope="col">{t('monitoring.dashboard.month')}</th>
                <th scope="col">{t('monitoring.incident.attackTypes')}</th>
                <th scope="col" className="num">{t('monitoring.dashboard.incidentCount')}</th>
                <th scope="col" className="num">{t('monitoring.dashboard.killed')}</th>
                <th scope="col" className="num">{t('monitoring.dashboard.injured')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={`${i.month} ${i.attackType}`}>
                  <td>{label(i.month)}</td>
                  <td>{t(`monitoring.attackTypes.${i.attackType}`)}</td>
                  <td className="num">{number.format(i.incidents)}</td>
                  <td className="num">{number.format(i.killed)}</td>
                  <td className="num">{number.format(i.injured)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
