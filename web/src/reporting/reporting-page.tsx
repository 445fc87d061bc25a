import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterSelect } from '../app/filter-select.js';
import { ErrorState } from '../app/states.js';
import { useUrlFilters } from '../app/use-url-filters.js';
import { oblastOptions, useOblasts } from '../facilities/use-areas.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { CompletenessMap } from './completeness-map.js';
import { CompletenessTable } from './completeness-table.js';
import { MissingList } from './missing-list.js';
import { shareOf, useCompleteness } from './use-completeness.js';
import '../monitoring/monitoring.css';
import '../supply/supply.css';
import './reporting.css';

const FIGURES = ['expected', 'received', 'onTime', 'late', 'missing', 'noAccess'] as const;

/** The month before today's, as the month input writes it (2025-03): where a switch to months starts. */
function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

/**
 * /reporting: who has reported for a week or a month, as of a day, in the country or an area; the oblasts on a map
 * coloured by completeness with the same figures in a table, and the facilities still missing by name.
 */
export function ReportingPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { filters, update } = useUrlFilters(['period', 'area', 'asOf'] as const);
  const oblasts = useOblasts();
  const result = useCompleteness({ period: filters.period, area: filters.area, asOf: filters.asOf });
  const data = result.data;
  const number = useMemo(() => new Intl.NumberFormat(LOCALE[lang]), [lang]);
  const percent = useMemo(() => new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 }), [lang]);
  const date = useMemo(() => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium' }), [lang]);
  const periodType = data?.period.type ?? (filters.period?.includes('W') === false ? 'month' : 'week');
  const periodValue = filters.period ?? data?.period.code ?? '';
  const rate = (part: number, whole: number) => {
    const share = shareOf(part, whole);
    return share === null ? '–' : percent.format(share);
  };
  return (
    <section>
      <h1>{t('reporting.title')}</h1>
      <p className="muted">{t('reporting.intro')}</p>
      <form className="filters" aria-label={t('reporting.title')} onSubmit={(e) => e.preventDefault()}>
        <fieldset className="segmented">
          <legend>{t('reporting.periodType')}</legend>
          {(['week', 'month'] as const).map((type) => (
            <label key={type}>
              <input type="radio" name="periodType" value={type} checked={periodType === type} onChange={() => update({ period: type === 'month' ? lastMonth() : undefined })} />
              {t(`reporting.${type}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('reporting.period')}
          <input type={periodType} name="period" value={periodValue} onChange={(e) => update({ period: e.target.value })} />
        </label>
        <FilterSelect label={t('reporting.area')} name="area" value={filters.area} all={t('reporting.national')} options={oblastOptions(oblasts.data?.items, lang)} onChange={(area) => update({ area })} />
        <label>
          {t('reporting.asOf')}
          <input type="date" name="asOf" value={filters.asOf ?? ''} onChange={(e) => update({ asOf: e.target.value })} />
        </label>
      </form>
      {result.isError ? <ErrorState error={result.error} onRetry={() => void result.refetch()} /> : null}
      {data === undefined ? (
        result.isPending ? <p className="muted">{t('app.loading')}</p> : null
      ) : (
        <>
          <p className="muted" data-testid="period-note">
            {t('reporting.asOfNote', { period: data.period.code, first: date.format(new Date(data.period.first)), last: date.format(new Date(data.period.last)), asOf: date.format(new Date(data.asOf)) })}
          </p>
          <dl className="figures" data-testid="completeness-figures">
            {FIGURES.map((k) => (
              <div key={k} data-figure={k}>
                <dt>{t(`reporting.figures.${k}`)}</dt>
                <dd>{number.format(data.totals[k])}</dd>
              </div>
            ))}
            <div data-figure="completeness">
              <dt>{t('reporting.completeness')}</dt>
              <dd>{rate(data.totals.received, data.totals.expected)}</dd>
            </div>
            <div data-figure="timeliness">
              <dt>{t('reporting.timeliness')}</dt>
              <dd>{rate(data.totals.onTime, data.totals.expected)}</dd>
            </div>
          </dl>
          {data.otherSchedule > 0 ? <p className="muted">{t('reporting.otherSchedule', { count: data.otherSchedule })}</p> : null}
          <CompletenessMap rows={data.byOblast} period={data.period.code} />
          <CompletenessTable title={t('reporting.byOblast')} rows={data.byOblast} number={number} percent={percent} testId="completeness-by-oblast" />
          {data.area === null ? null : <CompletenessTable title={t('reporting.byRaion')} rows={data.byRaion} number={number} percent={percent} testId="completeness-by-raion" />}
          <MissingList data={data} />
        </>
      )}
    </section>
  );
}
