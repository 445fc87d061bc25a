import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { BarChart } from './bar-chart.js';
import { AreaCard, CurrencySelect } from './follow-through-view.js';
import { formatMoney, organizationName, pick } from './texts.js';
import { useAreaRollup } from './use-partners.js';

/** One priority area across every agreement that lists it: money over distinct projects, then each agreement's card. */
export function AreaPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const area = useParams().area ?? '';
  const [currency, setCurrency] = useState('USD');
  const rollup = useAreaRollup(area, currency);
  if (rollup.isError) return <ErrorState error={rollup.error} onRetry={() => void rollup.refetch()} />;
  if (rollup.data === undefined) return <p className="muted">{t('app.loading')}</p>;
  const { money } = rollup.data;
  const name = t(`partners.areas.${rollup.data.area}`);
  const kinds = ['pledged', 'committed', 'disbursed'] as const;
  const show = (a: string) => formatMoney(a, currency, lang);
  return (
    <section>
      <p>
        <Link to="/partners">{t('partners.agreements')}</Link>
      </p>
      <h1>{name}</h1>
      <div className="section-head">
        <p className="muted">{t('partners.projectsCount', { count: rollup.data.projectCount })}</p>
        <CurrencySelect value={currency} onChange={setCurrency} />
      </div>
      <div className="narrow">
        <BarChart
          label={t('partners.moneyChart', { currency, area: name, pledged: show(money.pledged), committed: show(money.committed), disbursed: show(money.disbursed) })}
          bars={kinds.map((k) => ({ key: k, name: t(`partners.${k}`), value: Number(money[k]), display: show(money[k]), tone: k }))}
        />
      </div>
      {rollup.data.agreements.length === 0 ? <p className="muted">{t('partners.noAgreements')}</p> : null}
      <div className="area-grid">
        {rollup.data.agreements.map(({ agreement, followThrough }) => (
          <div key={agreement.id}>
            <p>
              <Link to={`/partners/agreements/${agreement.id}`}>{pick(agreement.title, lang)}</Link>
              <span className="muted"> — {agreement.partners.map((p) => organizationName(p, lang)).join(', ')}</span>
            </p>
            <AreaCard area={followThrough} currency={currency} heading={t(`partners.statuses.${agreement.status}`)} />
          </div>
        ))}
      </div>
    </section>
  );
}
