import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../src/modules/access/access.schema.js';
import type { Language } from '../i18n/i18n.js';
import { ConvertedTotal } from './converted-amount.js';
import { sumDecimals } from './money.js';
import { formatMoney } from '../app/format/money.js';
import { useDonors } from './use-donors.js';
import './funding.css';

/**
 * The overview's funding headline: all support committed, in USD, pledges apart.
 * Donor totals are public (project finance is open data), so everyone sees it;
 * the link to the dashboard is for signed-in partners, who may open it.
 */
export function FundingCard({ me }: { me: Me | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const totals = useDonors('USD');
  if (totals.data === undefined || totals.data.donors.length === 0) return null;
  const { donors, rates, currency } = totals.data;
  const count = donors.reduce((n, d) => n + d.transactions, 0);
  return (
    <section className="headline overview-card" aria-labelledby="funding-card" data-testid="funding-card">
      <h2 id="funding-card">{t('funding.overviewCard')}</h2>
      <p className="figure">
        <ConvertedTotal testId="funding-card-total" amount={sumDecimals(donors.map((d) => d.committed))} currency={currency} rates={rates} count={count} note={t('funding.fx.dashboardRates', { count })} />
      </p>
      <p className="muted">{t('funding.overviewCardNote')}</p>
      <p className="muted">
        {t('funding.headline.pledgedApart')}: {formatMoney(sumDecimals(donors.map((d) => d.pledged)), currency, lang)}
      </p>
      {me === null ? null : <Link to="/funding">{t('funding.overviewCardLink')} →</Link>}
    </section>
  );
}
