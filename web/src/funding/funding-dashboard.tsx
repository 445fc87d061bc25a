import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DonorTotals } from '../../../src/modules/funding/donors.schema.js';
import { lazyPage } from '../app/lazy-page.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { ConvertedTotal } from './converted-amount.js';
import { CurrencySwitch, useReportingCurrency } from './currency-switch.js';
import { JapanHeadline } from './japan-headline.js';
import { chartValue } from './money.js';
import { formatRate } from '../app/format/money.js';
import { formatDate } from '../app/format/dates.js';
import { DONOR_STAGES, donorName, useDonors } from './use-donors.js';

// ECharts only where its chart is drawn, not on every funding page.
const BarChart = lazyPage(() => import('../app/charts/bar-chart.js'), 'BarChart');

/** The chart shows the largest donors; the table below lists every one. */
const CHART_DONORS = 12;

/**
 * The donor dashboard: Japan's headline, then every donor's support in the
 * chosen reporting currency, pledges apart, and the rates behind the figures.
 */
export function FundingDashboard() {
  const { t } = useTranslation();
  const [currency] = useReportingCurrency();
  const totals = useDonors(currency);
  return (
    <section>
      <div className="section-head">
        <h1>{t('funding.dashboard')}</h1>
        <CurrencySwitch />
      </div>
      <p className="muted">{t('funding.intro')}</p>
      <p>
        <Link to={`/funding/projects?currency=${currency}`}>{t('funding.allProjects')} →</Link>
      </p>
      {totals.isError ? <ErrorState error={totals.error} onRetry={() => void totals.refetch()} /> : null}
      {totals.data === undefined ? (
        totals.isPending ? <p className="muted">{t('app.loading')}</p> : null
      ) : totals.data.donors.length === 0 ? (
        <EmptyState title={t('funding.noDonors')} />
      ) : (
        <div aria-busy={totals.isFetching}>
          <JapanHeadline totals={totals.data} />
          <DonorSection totals={totals.data} />
          <RatesSection totals={totals.data} />
        </div>
      )}
    </section>
  );
}

function DonorSection({ totals }: { totals: DonorTotals }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { currency, donors } = totals;
  const name = (d: DonorTotals['donors'][number]) => donorName(d, lang);
  const compact = useMemo(() => {
    const f = new Intl.NumberFormat(LOCALE[lang], { notation: 'compact', maximumFractionDigits: 1 });
    return (n: number) => f.format(n);
  }, [lang]);
  // Memoised so the chart redraws only when the figures or the language change.
  const top = useMemo(() => donors.slice(0, CHART_DONORS), [donors]);
  const categories = useMemo(() => top.map((d) => donorName(d, lang)), [top, lang]);
  const series = useMemo(
    () => [
      { name: t('funding.stages.committed'), values: top.map((d) => chartValue(d.committed)), color: '#0b5cad' },
      { name: t('funding.stages.disbursed'), values: top.map((d) => chartValue(d.disbursed)), color: '#1e6b3a' },
      { name: t('funding.stages.pledged'), values: top.map((d) => chartValue(d.pledged)), color: '#8792a2' },
    ],
    [top, t],
  );
  return (
    <section aria-labelledby="by-donor">
      <h2 id="by-donor">{t('funding.byDonor')}</h2>
      <Suspense fallback={<div className="chart" aria-busy="true" />}>
        <BarChart testId="donor-chart" label={t('funding.byDonorChart', { currency })} categories={categories} series={series} format={compact} />
      </Suspense>
      <div className="table-wrap">
        <table className="data donor-table" data-testid="donor-table">
          <thead>
            <tr>
              <th scope="col">{t('funding.donor')}</th>
              <th scope="col" className="num">
                {t('funding.projects')}
              </th>
              {DONOR_STAGES.map((s) => (
                <th key={s} scope="col" className="num">
                  {t(`funding.stages.${s}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {donors.map((d) => (
              <tr key={d.organizationId}>
                <th scope="row">
                  <Link to={`/funding/projects?organizationId=${d.organizationId}&currency=${currency}`}>{name(d)}</Link>
                </th>
                <td className="num">{d.projects}</td>
                {DONOR_STAGES.map((s) => (
                  <td key={s} className="num">
                    <ConvertedTotal amount={d[s]} currency={currency} rates={totals.rates} count={d.transactions} note={t('funding.fx.dashboardRates', { count: d.transactions })} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Every rate behind the figures above, with its date, source and how many transactions it converted. */
function RatesSection({ totals }: { totals: DonorTotals }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  if (totals.rates.length === 0) return null;
  return (
    <details className="rates">
      <summary>{t('funding.ratesUsed', { count: totals.rates.length })}</summary>
      <div className="table-wrap compact">
        <table className="data" data-testid="rates-table">
          <thead>
            <tr>
              <th scope="col">{t('funding.rateCurrency')}</th>
              <th scope="col" className="num">
                {t('funding.ratePerUsd')}
              </th>
              <th scope="col">{t('funding.rateDate')}</th>
              <th scope="col">{t('funding.rateSource')}</th>
              <th scope="col" className="num">
                {t('funding.transactions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {totals.rates.map((r) => (
              <tr key={`${r.currency}${r.date}`}>
                <td>{r.currency}</td>
                <td className="num">{formatRate(r.ratePerUsd, lang)}</td>
                <td>{formatDate(r.date, lang)}</td>
                <td>{r.source}</td>
                <td className="num">{r.transactions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
