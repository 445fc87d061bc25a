import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../src/modules/access/access.schema.js';
import { hasAnyRole } from '../access/use-session.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { REPORTING_ROLES } from './reporting-roles.js';
import { shareOf, useCompleteness } from './use-completeness.js';

/** The overview's reporting headline for those who follow up on reports: last period's completeness in their scope. */
export function CompletenessCard({ me }: { me: Me | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const allowed = hasAnyRole(me, REPORTING_ROLES);
  const result = useCompleteness({}, allowed);
  const data = result.data;
  if (!allowed || data === undefined) return null;
  const percent = new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(LOCALE[lang]);
  const rate = (part: number) => {
    const share = shareOf(part, data.totals.expected);
    return share === null ? '–' : percent.format(share);
  };
  return (
    <section className="headline overview-card reporting-card" aria-labelledby="reporting-card" data-testid="reporting-card">
      <h2 id="reporting-card">{t('reporting.card.title')}</h2>
      <p className="figure">{t('reporting.card.figure', { received: number.format(data.totals.received), expected: number.format(data.totals.expected) })}</p>
      <p className="muted">
        {data.period.code} · {t('reporting.card.rates', { completeness: rate(data.totals.received), timeliness: rate(data.totals.onTime), missing: number.format(data.totals.missing) })}
      </p>
      <Link to="/reporting">{t('reporting.card.link')} →</Link>
    </section>
  );
}
