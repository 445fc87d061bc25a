import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { AgreementEditor } from './agreement-editor.js';
import { AgreementSummary } from './agreement-summary.js';
import { CurrencySelect, FollowThroughView } from './follow-through-view.js';
import { usePartnershipWriter } from './partners-access.js';
import { formatDate, pick } from './texts.js';
import { useAgreement, useAgreementMeetings, useFollowThrough } from './use-partners.js';

/** One agreement: its facts, what came of it per priority area, and its meetings. */
export function AgreementPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const id = useParams().id ?? '';
  const [currency, setCurrency] = useState('USD');
  const agreement = useAgreement(id);
  const followThrough = useFollowThrough(id, currency);
  const meetings = useAgreementMeetings(id);
  const writer = usePartnershipWriter().canWrite;
  if (agreement.isError) return <ErrorState error={agreement.error} onRetry={() => void agreement.refetch()} />;
  if (agreement.data === undefined) return <p className="muted">{t('app.loading')}</p>;
  return (
    <section>
      <p>
        <Link to="/partners">{t('partners.agreements')}</Link>
      </p>
      <h1>{pick(agreement.data.title, lang)}</h1>
      <AgreementSummary agreement={agreement.data} />
      {writer ? (
        <details>
          <summary>{t('partners.edit')}</summary>
          <AgreementEditor agreement={agreement.data} />
        </details>
      ) : null}
      <div className="section-head">
        <h2>{t('partners.followThrough')}</h2>
        <CurrencySelect value={currency} onChange={setCurrency} />
      </div>
      {followThrough.isError ? <ErrorState error={followThrough.error} /> : null}
      {followThrough.data === undefined ? <p className="muted">{t('app.loading')}</p> : <FollowThroughView followThrough={followThrough.data} />}
      <div className="section-head">
        <h2>{t('partners.meetings')}</h2>
        {writer ? (
          <Link className="button" to={`/partners/meetings/new?agreementId=${id}`}>
            {t('partners.form.recordMeetingAbout')}
          </Link>
        ) : null}
      </div>
      {meetings.isError ? <ErrorState error={meetings.error} /> : null}
      {meetings.data?.items.length === 0 ? <p className="muted">{t('partners.noMeetings')}</p> : null}
      <ul className="plain">
        {(meetings.data?.items ?? []).map((m) => (
          <li key={m.id}>
            <Link to={`/partners/meetings/${m.id}`}>
              {formatDate(m.heldOn, lang)} — {pick(m.title, lang)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
