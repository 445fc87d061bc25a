import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NeedGaps } from '../../../src/modules/needs/needs.schema.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { CurrencySwitch, useReportingCurrency } from './currency-switch.js';
import { formatMoney, formatRate } from '../app/format/money.js';
import { formatDate } from '../app/format/dates.js';
import { NeedsTabs } from './needs-tabs.js';
import { useNeedGaps } from './use-needs.js';

type Oblast = NeedGaps['items'][number]['oblast'];

/**
 * Gap analysis as OCHA FTS shows it: approved needs by oblast and category, in the chosen currency, with
 * requirements, committed, delivered, uncovered and % funded, in the server's order (critical needs that
 * nothing covers first); needs awaiting a decision apart. Oblasts by name, in the reader's language.
 */
export function NeedGapsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [currency] = useReportingCurrency();
  const gaps = useNeedGaps(currency);
  const n = new Intl.NumberFormat(LOCALE[lang]);
  const pct = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const name = (o: Oblast) => o.name[lang];
  const money = (amount: string) => formatMoney(amount, currency, lang);
  const items = gaps.data?.items ?? [];
  const submitted = gaps.data?.submitted ?? [];
  const unpriced = items.reduce((s, g) => s + g.unpriced, 0);
  const rates = (gaps.data?.rates ?? []).map((r) => `${r.currency} ${formatRate(r.ratePerUsd, lang)}/USD (${formatDate(r.date, lang)})`).join('; ');
  const count = (v: number) => (v === 0 ? <span className="muted">0</span> : n.format(v));
  return (
    <section>
      <h1>{t('funding.needs.gapsTitle')}</h1>
      <NeedsTabs />
      <p className="muted">{t('funding.needs.gapsHint')}</p>
      <CurrencySwitch />
      {gaps.isError ? <ErrorState error={gaps.error} onRetry={() => void gaps.refetch()} /> : null}
      {gaps.data !== undefined && items.length === 0 ? (
        <EmptyState title={t('funding.needs.noGaps')} />
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="gap-table" aria-busy={gaps.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t('funding.needs.oblast')}</th>
                <th scope="col">{t('funding.needs.category')}</th>
                <th scope="col" className="num">
                  {t('funding.needs.uncoveredCritical')}
                </th>
                {(['requirements', 'committedMoney', 'deliveredMoney', 'uncoveredMoney', 'percentFunded', 'unpriced'] as const).map((k) => (
                  <th key={k} scope="col" className="num">
                    {t(`funding.needs.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((g) => (
                <tr key={`${g.oblast.katottg}${g.category}`} className={g.uncoveredCritical > 0 ? 'critical-row' : undefined}>
                  <th scope="row">{name(g.oblast)}</th>
                  <td>
                    <Link to={`/needs?category=${g.category}&area=${g.oblast.katottg}`}>{t(`funding.needs.categoryValues.${g.category}`)}</Link>
                  </td>
                  <td className={`num ${g.uncoveredCritical > 0 ? 'bad' : ''}`}>{count(g.uncoveredCritical)}</td>
                  <td className="num">{money(g.requirements)}</td>
                  <td className="num">{money(g.committed)}</td>
                  <td className="num">{money(g.delivered)}</td>
                  <td className="num">{money(g.uncovered)}</td>
                  <td className="num" data-testid="percent-funded">
                    {g.percentFunded === null ? '—' : `${pct.format(g.percentFunded)} %`}
                  </td>
                  <td className="num">{count(g.unpriced)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {unpriced > 0 ? <p className="muted">{t('funding.needs.unpricedHint', { count: unpriced })}</p> : null}
      {rates === '' ? null : <p className="muted">{t('funding.needs.convertedNote', { currency, rates })}</p>}
      {submitted.length === 0 ? null : (
        <>
          <h2>{t('funding.needs.submittedTitle')}</h2>
          <p className="muted">{t('funding.needs.submittedHint')}</p>
          <div className="table-wrap compact">
            <table className="data" data-testid="gap-submitted">
              <thead>
                <tr>
                  <th scope="col">{t('funding.needs.oblast')}</th>
                  <th scope="col">{t('funding.needs.category')}</th>
                  <th scope="col" className="num">
                    {t('funding.needs.title')}
                  </th>
                  <th scope="col" className="num">
                    {t('funding.needs.estimated')}
                  </th>
                  <th scope="col" className="num">
                    {t('funding.needs.unpriced')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {submitted.map((g) => (
                  <tr key={`${g.oblast.katottg}${g.category}`}>
                    <th scope="row">{name(g.oblast)}</th>
                    <td>
                      <Link to={`/needs?category=${g.category}&area=${g.oblast.katottg}&status=submitted`}>{t(`funding.needs.categoryValues.${g.category}`)}</Link>
                    </td>
                    <td className="num">{n.format(g.needs)}</td>
                    <td className="num">{money(g.estimated)}</td>
                    <td className="num">{count(g.unpriced)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
