import { useTranslation } from 'react-i18next';
import type { DonorTotals } from '../../../src/modules/funding/donors.schema.js';
import type { Language } from '../i18n/i18n.js';
import { ConvertedTotal } from './converted-amount.js';
import { formatMoneyCompact } from '../app/format/money.js';
import { donorName, JAPAN } from './use-donors.js';
import { sectorName } from './sector-name.js';

/**
 * Japan's support in one figure, as the server sums it over the donors based in
 * Japan: the total is what was committed; disbursed and spent are parts of it;
 * pledges are shown apart and not added.
 */
export function JapanHeadline({ totals }: { totals: DonorTotals }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const japan = totals.countries.find((c) => c.country === JAPAN);
  if (japan === undefined) return null;
  const donors = totals.donors.filter((d) => d.country === JAPAN);
  const count = donors.reduce((n, d) => n + d.transactions, 0);
  const figure = (amount: string, testId: string) => <ConvertedTotal testId={testId} amount={amount} currency={totals.currency} rates={totals.rates} count={count} note={t('funding.fx.dashboardRates', { count })} />;
  return (
    <section className="headline" aria-labelledby="japan-headline" data-testid="japan-headline">
      <h2 id="japan-headline">{t('funding.headline.japanTitle')}</h2>
      <p className="muted">{donors.map((d) => donorName(d, lang)).join(' · ')}</p>
      <p className="figure">
        <span className="visually-hidden">{t('funding.headline.total')}: </span>
        {figure(japan.committed, 'japan-total')}
      </p>
      <p className="muted" data-testid="japan-total-words">
        {t('funding.headline.total')}: {formatMoneyCompact(japan.committed, totals.currency, lang)}. {t('funding.headline.totalNote')}
      </p>
      <dl className="totals">
        <div>
          <dt>{t('funding.headline.ofWhichDisbursed')}</dt>
          <dd>{figure(japan.disbursed, 'japan-disbursed')}</dd>
        </div>
        <div>
          <dt>{t('funding.headline.ofWhichSpent')}</dt>
          <dd>{figure(japan.spent, 'japan-spent')}</dd>
        </div>
        <div className="pledge">
          <dt>{t('funding.headline.pledgedApart')}</dt>
          <dd>{figure(japan.pledged, 'japan-pledged')}</dd>
        </div>
      </dl>
      {/* On a phone the table scrolls sideways: a focusable, named region so the keyboard can scroll it too. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('funding.headline.bySector')}>
        <table className="data" data-testid="japan-sectors">
          <caption>{t('funding.headline.bySector')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('funding.headline.sector')}</th>
              <th scope="col" className="num">{t('funding.stages.committed')}</th>
              <th scope="col" className="num">{t('funding.stages.disbursed')}</th>
              <th scope="col" className="num">{t('funding.stages.pledged')}</th>
            </tr>
          </thead>
          <tbody>
            {japan.sectors.map((s) => (
              <tr key={s.code} data-sector={s.code}>
                <th scope="row">{sectorName(t, s.code)}</th>
                <td className="num">{formatMoneyCompact(s.committed, totals.currency, lang)}</td>
                <td className="num">{formatMoneyCompact(s.disbursed, totals.currency, lang)}</td>
                <td className="num">{formatMoneyCompact(s.pledged, totals.currency, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
