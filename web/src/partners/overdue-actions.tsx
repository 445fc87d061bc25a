import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../src/modules/access/access.schema.js';
import { hasAnyRole } from '../access/use-session.js';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { PARTNERSHIP_WRITERS } from './partners-access.js';
import { formatDate, pick } from './texts.js';
import { useOverdue } from './use-partners.js';
import './partners.css';

/** On the coordinator's overview: action items from partner meetings that are past their due date. */
export function OverdueActions({ me }: { me: Me | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const shown = hasAnyRole(me, PARTNERSHIP_WRITERS);
  const overdue = useOverdue(shown);
  if (!shown) return null;
  return (
    <section aria-labelledby="overdue-title" data-testid="overdue-actions">
      <h2 id="overdue-title">{t('partners.overdueTitle')}</h2>
      {overdue.isError ? <ErrorState error={overdue.error} /> : null}
      {overdue.data?.items.length === 0 ? <p className="muted">{t('partners.overdueNone')}</p> : null}
      <ul className="plain overdue-list">
        {(overdue.data?.items ?? []).map((item) => (
          <li key={item.id}>
            <Link to={`/partners/meetings/${item.meetingId}`}>{pick(item.text, lang)}</Link> — {item.owner}.{' '}
            <strong className="bad">{t('partners.daysOverdue', { count: item.daysOverdue })}</strong>{' '}
            <span className="muted">
              ({t('partners.dueOn')}: {formatDate(item.dueOn, lang)}; {t('partners.fromMeeting', { date: formatDate(item.heldOn, lang) })})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
