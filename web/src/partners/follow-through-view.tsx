import { useTranslation } from 'react-i18next';
import type { AreaFollowThrough, FollowThrough, Progress } from '../../../src/modules/partnerships/follow-through.schema.js';
import type { Language } from '../i18n/i18n.js';
import { LOCALE } from '../i18n/i18n.js';
import { BarChart } from './bar-chart.js';
import { formatDate, formatMoney, pick } from './texts.js';
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
  const of = (p: Progress, achieved: string, key: 'progressOf' | 'progressInstalledOf') => t(`partners.${key}`, { achieved: number.format(Number(achieved)), quantity: number.format(Number(p.quantity)), unit: unit(p.unit) });
  // Generator units have two bars that only grow: arrived in Ukraine, and installed at facilities.
  const bars = progress.flatMap((p) => [
    ...(p.achieved === null ? [] : [{ key: `${area}-${p.unit}`, name: of(p, p.achieved, 'progressOf'), percent: p.percent }]),
    ...(p.installed === null ? [] : [{ key: `${area}-${p.unit}-installed`, name: of(p, p.installed, 'progressInstalledOf'), percent: p.installedPercent }]),
  ]);
  return (
    <>
      {bars.length === 0 ? null : (
        <BarChart
          label={`${t('partners.progress')}: ${bars.map((b) => b.name).join('; ')}`}
          max={100}
          bars={bars.map((b) => ({ key: b.key, name: b.name, value: b.percent ?? 0, display: `${number.format(b.percent ?? 0)} %`, tone: (b.percent ?? 0) >= 100 ? 'done' : 'progress' }))}
        />
      )}
      {progress
        .filter((p) => p.achieved === null)
        .map((p) => (
          <p key={p.unit} className="muted">
            {t('partners.notMeasured', { quantity: number.format(Number(p.quantity)), unit: unit(p.unit) })}
          </p>
        ))}
      <Achievements progress={progress} />
    </>
  );
}

/** The recorded achievements behind hand-followed targets, each with its evidence document and its recorder. */
function Achievements({ progress }: { progress: readonly Progress[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const unit = useUnit();
  const number = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 6 });
  const recorded = progress.flatMap((p) => p.achievements);
  if (recorded.length === 0) return null;
  return (
    <>
      <h5>{t('partners.achievements')}</h5>
      <ul className="plain" data-testid="achievements">
        {recorded.map((a) => (
          <li key={a.id}>
            {t('partners.achievementLine', { value: number.format(Number(a.value)), unit: unit(a.unit), date: formatDate(a.achievedOn, lang) })} —{' '}
            <a href={`/api/v1/agreements/${a.agreementId}/documents/${a.evidence.documentId}`}>
              {t('partners.evidence')}: {a.evidence.filename}
            </a>
            {a.note === null ? null : <> — {a.note}</>} <span className="muted">({t('partners.recordedBy', { name: a.recordedBy.name ?? a.recordedBy.userId })})</span>
          </li>
        ))}
      </ul>
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
        <ul className="chips" data-testid={`deliveries-${area.area}`}>
          {area.area === 'energy_autonomy' ? (
            <>
              <li>
                {t('partners.generatorsArrived')}: {area.deliveries.generatorsArrived} ({t('partners.generatorsInstalled')}: {area.deliveries.generatorsInstalled})
              </li>
              <li>
                {t('partners.arrivedMw')}: {area.deliveries.arrivedMw} MW ({t('partners.installedMw')}: {area.deliveries.installedMw} MW)
              </li>
            </>
          ) : null}
          {area.area !== 'energy_autonomy' || area.deliveries.shipmentsReceived > 0 ? (
            <li>
              {t('partners.shipmentsReceived')}: {area.deliveries.shipmentsReceived}
            </li>
          ) : null}
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

