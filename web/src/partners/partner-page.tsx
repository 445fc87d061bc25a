import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { AgreementSummary } from './agreement-summary.js';
import { CurrencySelect, FollowThroughView } from './follow-through-view.js';
import { MeetingView } from './meeting-view.js';
import { formatDate, organizationName, pick } from './texts.js';
import { usePartnerPage } from './use-partners.js';

/** Everything about one partner: its agreements with what came of each priority area, and its meetings. */
export function PartnerPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const orgId = useParams().orgId ?? '';
  const [currency, setCurrency] = useState('USD');
  const page = usePartnerPage(orgId, currency);
  if (page.isError) return <ErrorState error={page.error} onRetry={() => void page.refetch()} />;
  if (page.data === undefined) return <p className="muted">{t('app.loading')}</p>;
  const { organization, agreements, meetings } = page.data;
  return (
    <section className="partner-page">
      <p>
        <Link to="/partners">{t('partners.agreements')}</Link>
      </p>
      <h1>{organizationName(organization, lang)}</h1>
      <div className="section-head">
        <h2>{t('partners.agreements')}</h2>
        <CurrencySelect value={currency} onChange={setCurrency} />
      </div>
      {agreements.length === 0 ? <p className="muted">{t('partners.noAgreements')}</p> : null}
      {agreements.map(({ agreement, followThrough }) => (
        <article key={agreement.id} className="partner-agreement" data-testid="partner-agreement">
          <h3>
            <Link to={`/partners/agreements/${agreement.id}`}>{pick(agreement.title, lang)}</Link>
          </h3>
          <AgreementSummary agreement={agreement} />
          <h3>{t('partners.followThrough')}</h3>
          <FollowThroughView followThrough={followThrough} />
        </article>
      ))}
      <h2>{t('partners.meetings')}</h2>
      {meetings.length === 0 ? <p className="muted">{t('partners.noMeetings')}</p> : null}
      {meetings.map((m) => (
        <article key={m.id} className="partner-meeting">
          <h3>
            <Link to={`/partners/meetings/${m.id}`}>
              {formatDate(m.heldOn, lang)} — {pick(m.title, lang)}
            </Link>
          </h3>
          <MeetingView meeting={m} headingLevel={3} />
        </article>
      ))}
    </section>
  );
}
