import { useTranslation } from 'react-i18next';
import type { AreaFollowThrough, FollowThrough, Progress } from '../../../src/modules/partnerships/follow-through.schema.js';
import type { Language } from '../i18n/i18n.js';
import { LOCALE } from '../i18n/i18n.js';
import { BarChart } from './bar-chart.js';
import { formatMoney, pick } from './texts.js';
import { CURRENCIES } from './use-partners.js';

function useUnit() {
  const { t, i18n } = useTranslation();
  return (unit: string) => (i18n.exists(`partners.units.${unit}`) ? t(`partners.units.${unit}`) : unit);
}

function ProgressBars({ progress, area }: { progress: readonly Progress[]; area: string }) {
  const { t, i18n } = useTranslation();
  const unit = useUnit();
  const number = new Intl.NumberFormat(LOCALE[i18n.language as Language], { maximumFractionDigits: 1 });
  if (progress.length === 0) return <p className="muted">{t('partners.noTargets')}</p>;
  const measured = progress.filter((p) => p.achieved !== null);
  return (
    <>
      {measured.length === 0 ? null : (
        <BarChart
          label={`${t('partners.progress')}: ${measured.map((p) => t('partners.progressOf', { achieved: number.format(Number(p.achieved)), quantity: number.format(Number(p.quantity)), unit: unit(p.unit) })).join('; ')}`}
          max={100}
          bars={measured.map((p) => ({
            key: `${area}-${p.unit}`,
            name: t('partners.progressOf', { achieved: number.format(Number(p.achieved)), quantity: number.format(Number(p.quantity)), unit: unit(p.unit) }),
            value: p.percent ?? 0,
            display: `${number.format(p.percent ?? 0)} %`,
            tone: (p.percent ?? 0) >= 100 ? 'done' : 'progress',
          }))}
        />
      )}
      {progress
        .filter((p) => p.achieved === null)
        .map((p) => (
          <p key={p.unit} className="muted">
            {t('partners.notMeasured', { quantity: number.format(Number(p.quantity)), unit: unit(p.unit) })}
          </p>
        ))}
    </>
  );
}

/** One priority area's follow-through: money chart, deliveries, facilities reached, progress per target. */
export function AreaCard({ area, currency, heading }: { area: AreaFollowThrough; currency: string; heading?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const money = (a: string) => formatMoney(a, currency, lang);
  const name = t(`partners.areas.${area.area}`);
  const kinds = ['pledged', 'committed', 'disbursed'] as const;
  return (
    <article className="area-card" data-testid={`area-${area.area}`}>
      <h3>{heading ?? name}</h3>
      <p className="muted">
        {t('partners.projectsCount', { count: area.projectIds.length })} · {t('partners.facilitiesReached')}: {area.facilitiesReached}
      </p>
      <BarChart
        label={t('partners.moneyChart', { currency, area: name, pledged: money(area.money.pledged), committed: money(area.money.committed), disbursed: money(area.money.disbursed) })}
        bars={kinds.map((k) => ({ key: k, name: t(`partners.${k}`), value: Number(area.money[k]), display: money(area.money[k]), tone: k }))}
      />
      {area.deliveries === null ? null : (
        <ul className="chips">
          {area.area === 'energy_autonomy' ? (
            <>
              <li>
                {t('partners.generatorsDelivered')}: {area.deliveries.generatorsDelivered} ({t('partners.generatorsInstalled')}: {area.deliveries.generatorsInstalled})
              </li>
              <li>
                {t('partners.deliveredMw')}: {area.deliveries.deliveredMw} MW
              </li>
            </>
          ) : (
            <li>
              {t('partners.shipmentsDelivered')}: {area.deliveries.shipmentsDelivered}
            </li>
          )}
        </ul>
      )}
      <h4>{t('partners.progress')}</h4>
      <ProgressBars progress={area.progress} area={area.area} />
    </article>
  );
}

/** What came of an agreement: totals, one card per priority area with its charts, and the linked projects. */
export function FollowThroughView({ followThrough }: { followThrough: FollowThrough }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { currency } = followThrough;
  const money = (a: string) => formatMoney(a, currency, lang);
  return (
    <section className="follow-through" aria-label={t('partners.followThrough')}>
      <p className="muted">{t('partners.followThroughHint')}</p>
      <ul className="chips" data-testid="follow-through-totals">
        <li>
          {t('partners.pledged')}: {money(followThrough.money.pledged)}
        </li>
        <li>
          {t('partners.committed')}: {money(followThrough.money.committed)}
        </li>
        <li>
          {t('partners.disbursed')}: {money(followThrough.money.disbursed)}
        </li>
        <li>
          {t('partners.facilitiesReached')}: {followThrough.facilitiesReached}
        </li>
      </ul>
      <div className="area-grid">
        {followThrough.areas.map((a) => (
          <AreaCard key={a.area} area={a} currency={currency} />
        ))}
      </div>
      <h3>{t('partners.linkedProjects')}</h3>
      {followThrough.projects.length === 0 ? (
        <p className="muted">{t('partners.noProjects')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('partners.linkedProjects')}</th>
                <th scope="col">{t('partners.areasTitle')}</th>
                <th scope="col" className="num">
                  {t('partners.committed')}
                </th>
                <th scope="col" className="num">
                  {t('partners.disbursed')}
                </th>
              </tr>
            </thead>
            <tbody>
              {followThrough.projects.map((p) => (
                <tr key={p.id}>
                  <td>
                    {pick(p.title, lang)}
                    <br />
                    <code className="muted">{p.iatiIdentifier}</code>
                  </td>
                  <td>{p.areas.map((a) => t(`partners.areas.${a}`)).join(', ')}</td>
                  <td className="num">{money(p.money.committed)}</td>
                  <td className="num">{money(p.money.disbursed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The currency picker shared by the agreement and partner pages. */
export function CurrencySelect({ value, onChange }: { value: string; onChange: (c: string) => void }) {
  const { t } = useTranslation();
  return (
    <label className="currency">
      {t('partners.currency')}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="currency-select">
        {CURRENCIES.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </label>
  );
}

