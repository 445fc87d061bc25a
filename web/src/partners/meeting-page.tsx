import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { MeetingView } from './meeting-view.js';
import { pick } from './texts.js';
import { useMeeting } from './use-partners.js';

/** One meeting with its decisions and action items. */
export function MeetingPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const id = useParams().id ?? '';
  const meeting = useMeeting(id);
  if (meeting.isError) return <ErrorState error={meeting.error} onRetry={() => void meeting.refetch()} />;
  if (meeting.data === undefined) return <p className="muted">{t('app.loading')}</p>;
  const agreementId = meeting.data.agreementId;
  return (
    <section>
      <p>{agreementId === null ? <Link to="/partners">{t('partners.agreements')}</Link> : <Link to={`/partners/agreements/${agreementId}`}>{t('partners.agreement')}</Link>}</p>
      <h1>{pick(meeting.data.title, lang)}</h1>
      <MeetingView meeting={meeting.data} />
    </section>
  );
}
