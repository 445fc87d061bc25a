import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/modules/access/access.schema.js';
import { SERVICES } from '../../../src/modules/facilities/facilities.schema.js';
import type { Indicators } from '../../../src/modules/monitoring/indicators.schema.js';
import { BUILDING_CONDITIONS, FUNCTIONALITIES } from '../../../src/modules/monitoring/status.schema.js';
import { FilterSelect } from '../app/filter-select.js';
import { lazyPage } from '../app/lazy-page.js';
import { ErrorState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { oblastName, oblastOptions, useOblasts } from '../facilities/use-areas.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { IncidentChart } from './incident-chart.js';
import { StackedBars } from './stacked-bars.js';
import { LEVEL_COLOURS } from './status-colours.js';
import { useIndicators, useIndicatorsByOblast } from './use-indicators.js';

// MapLibre only when the national map is shown: the report forms in the same bundle of pages must stay light.
const AreaStatusMap = lazyPage(() => import('./area-status-map.js'), 'AreaStatusMap');

const DOMAINS = [...new Set(Object.values(SERVICES))];

/** The monitoring dashboard: indicators for the country or an oblast as of a day, with the oblasts side by side. */
export function DashboardPage({ me }: { me: Me | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { filters, update } = useUrlFilters(['area', 'asOf'] as const);
  const area = filters.area ?? '';
  const asOf = filters.asOf ?? '';
  const oblasts = useOblasts();
  const indicators = useIndicators(area === '' ? undefined : area, asOf === '' ? undefined : asOf);
  // A facility reporter's scope is a few facilities: a table of 27 oblasts would say nothing.
  const national = area === '' && me !== null && me.roles.some((r) => r !== 'facility_reporter');
  const isoCodes = useMemo(() => (oblasts.data?.items ?? []).map((a) => a.iso3166_2).filter((c): c is string => typeof c === 'string'), [oblasts.data]);
  const byOblast = useIndicatorsByOblast(isoCodes, asOf === '' ? undefined : asOf, national);
  const number = useMemo(() => new Intl.NumberFormat(LOCALE[lang]), [lang]);
  const percent = useMemo(() => new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 }), [lang]);
  const data = indicators.data;
  return (
    <section>
      <h2>{t('monitoring.dashboard.title')}</h2>
      <form className="filters" aria-label={t('facilities.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('monitoring.dashboard.area')} name="area" value={area} all={t('monitoring.dashboard.national')} options={oblastOptions(oblasts.data?.items, lang)} onChange={(area) => update({ area })} />
        <label>
          {t('monitoring.dashboard.asOf')}
          <input type="date" name="asOf" value={asOf} max={new Date().toISOString().slice(0, 10)} onChange={(e) => update({ asOf: e.target.value })} />
        </label>
      </form>
      {indicators.isError ? <ErrorState error={indicators.error} onRetry={() => void indicators.refetch()} /> : null}
      {data === undefined ? (
        indicators.isPending ? <p className="muted">{t('app.loading')}</p> : null
      ) : (
        <>
          <p className="muted" data-testid="as-of">
            {t('monitoring.dashboard.asOfNote', { date: new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long' }).format(new Date(data.asOf)) })}
          </p>
          <dl className="figures" data-testid="headline-figures">
            {(
              [
                ['facilities', t('monitoring.dashboard.facilities'), data.facilities],
                ['reporting', t('monitoring.dashboard.reporting'), data.reporting],
                ['onGenerator', t('monitoring.dashboard.onGenerator'), data.onGenerator],
                ['withoutPower', t('monitoring.dashboard.withoutPower'), data.withoutPower],
                // Facilities in occupied areas are counted apart, in no other figure: the same words as /reporting.
                ['noAccess', t('reporting.figures.noAccess'), data.noAccess],
              ] as const
            ).map(([k, label, v]) => (
              <div key={k} data-figure={k}>
                <dt>{label}</dt>
                <dd>{number.format(v)}</dd>
              </div>
            ))}
          </dl>
          <div className="charts">
            <StackedBars
              title={t('monitoring.dashboard.functionality')}
              testId="chart-functionality"
              palette={[LEVEL_COLOURS[0], LEVEL_COLOURS[2], LEVEL_COLOURS[3]]}
              format={(n) => number.format(n)}
              rows={[{ key: 'all', label: t('monitoring.dashboard.reporting'), segments: FUNCTIONALITIES.map((f) => ({ key: f, label: t(`monitoring.functionality.${f}`), value: data.byFunctionality[f] ?? 0 })) }]}
            />
            <StackedBars
              title={t('monitoring.dashboard.building')}
              testId="chart-building"
              palette={[LEVEL_COLOURS[0], LEVEL_COLOURS[1], LEVEL_COLOURS[2], LEVEL_COLOURS[3]]}
              format={(n) => number.format(n)}
              rows={[{ key: 'all', label: t('monitoring.dashboard.reporting'), segments: BUILDING_CONDITIONS.map((b) => ({ key: b, label: t(`monitoring.building.${b}`), value: data.byBuildingCondition[b] ?? 0 })) }]}
            />
          </div>
          <ServiceShares data={data} format={(n) => percent.format(n)} />
          <IncidentChart items={data.incidentsByMonth} />
          {national ? (
            <Suspense fallback={<div className="map plan-map" aria-busy="true" />}>
              <AreaStatusMap rows={byOblast.map((q, i) => ({ iso: isoCodes[i] ?? '', data: q.data }))} />
            </Suspense>
          ) : null}
          {national ? <OblastTable rows={byOblast.map((q, i) => ({ iso: isoCodes[i] ?? '', data: q.data }))} name={(iso) => oblastName(oblasts.data?.items, iso, lang)} format={(n) => number.format(n)} /> : null}
        </>
      )}
    </section>
  );
}

function ServiceShares({ data, format }: { data: Indicators; format: (n: number) => string }) {
  const { t } = useTranslation();
  const rows = DOMAINS.filter((d) => data.serviceAvailabilityByDomain[d] !== undefined).map((d) => {
    const s = data.serviceAvailabilityByDomain[d] ?? { facilities: 0, available: 0, partially: 0, notAvailable: 0 };
    return {
      key: d,
      label: `${t(`monitoring.domains.${d}`)} (${s.facilities})`,
      segments: [
        { key: 'available', label: t('monitoring.serviceStatus.available'), value: s.available },
        { key: 'partially', label: t('monitoring.serviceStatus.partially'), value: s.partially },
        { key: 'not_available', label: t('monitoring.serviceStatus.not_available'), value: s.notAvailable },
      ],
    };
  });
  return (
    <>
      <StackedBars title={t('monitoring.dashboard.services')} testId="chart-services" palette={[LEVEL_COLOURS[0], LEVEL_COLOURS[2], LEVEL_COLOURS[3]]} format={format} rows={rows} />
      <p className="muted">{t('monitoring.dashboard.servicesHint')}</p>
    </>
  );
}

function OblastTable({ rows, name, format }: { rows: { iso: string; data: Indicators | undefined }[]; name: (iso: string) => string; format: (n: number) => string }) {
  const { t } = useTranslation();
  const cell = (d: Indicators | undefined, pick: (d: Indicators) => number) => <td className="num">{d === undefined ? '…' : format(pick(d))}</td>;
  return (
    <>
      <h3>{t('monitoring.dashboard.byOblast')}</h3>
      {/* Scrolls sideways on a phone: focusable and named, so the keyboard reaches it. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('monitoring.dashboard.byOblast')}>
        <table className="data" data-testid="oblast-table">
          <thead>
            <tr>
              <th scope="col">{t('facilities.oblast')}</th>
              <th scope="col" className="num">{t('monitoring.dashboard.facilities')}</th>
              <th scope="col" className="num">{t('monitoring.dashboard.reporting')}</th>
              {FUNCTIONALITIES.map((f) => (
                <th key={f} scope="col" className="num">
                  {t(`monitoring.functionality.${f}`)}
                </th>
              ))}
              <th scope="col" className="num">{t('monitoring.dashboard.damaged')}</th>
              <th scope="col" className="num">{t('monitoring.dashboard.onGenerator')}</th>
              <th scope="col" className="num">{t('monitoring.dashboard.withoutPower')}</th>
              <th scope="col" className="num">{t('reporting.figures.noAccess')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ iso, data }) => (
              <tr key={iso}>
                <th scope="row">{name(iso)}</th>
                {cell(data, (d) => d.facilities)}
                {cell(data, (d) => d.reporting)}
                {FUNCTIONALITIES.map((f) => (
                  <td key={f} className="num">
                    {data === undefined ? '…' : format(data.byFunctionality[f] ?? 0)}
                  </td>
                ))}
                {cell(data, (d) => (d.byBuildingCondition.substantially_damaged ?? 0) + (d.byBuildingCondition.fully_damaged ?? 0))}
                {cell(data, (d) => d.onGenerator)}
                {cell(data, (d) => d.withoutPower)}
                {cell(data, (d) => d.noAccess)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
