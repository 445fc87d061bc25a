import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { outboxExport, type OutboxRecord } from './outbox-queue.js';
import { deleteOutboxRecord, dismissNotice, flushOutbox } from './outbox-runner.js';
import { useOutbox } from './use-outbox.js';
import { formatDateTime } from '../app/format/dates.js';
import { ProblemList } from '../app/problem-list.js';

const EDIT_PATHS: Partial<Record<OutboxRecord['kind'], string>> = { status_report: '/monitoring/report', incident: '/monitoring/incidents/new', need: '/needs/new' };

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Everything saved on this device and not yet accepted by the server, with what the server said about each. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const outbox = useOutbox();
  const s = outbox.lastSummary;
  return (
    <section data-testid="outbox-page">
      <h2>{t('monitoring.outbox.title')}</h2>
      <p role="status" data-testid="outbox-status">
        {outbox.online ? t('monitoring.outbox.online') : t('monitoring.outbox.offline')} · {t('monitoring.outbox.waiting', { count: outbox.records.length })} ·{' '}
        {outbox.lastSyncAt === null ? t('monitoring.outbox.never') : t('monitoring.outbox.lastSync', { at: formatDateTime(outbox.lastSyncAt, lang) })}
      </p>
      {s === null ? null : <p className="muted">{t('monitoring.outbox.summary', { sent: s.sent, review: s.review, failed: s.failed, retry: s.retry })}</p>}
      <p className="actions">
        <button type="button" onClick={() => void flushOutbox(true)} disabled={outbox.sending || outbox.records.length === 0}>
          {outbox.sending ? t('monitoring.outbox.sending') : t('monitoring.outbox.sendNow')}
        </button>
        <button type="button" className="secondary" disabled={outbox.records.length === 0} onClick={() => download(outboxExport(outbox.records), `carebridge-outbox-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.json`)}>
          {t('monitoring.outbox.export')}
        </button>
      </p>
      {outbox.othersWaiting > 0 ? <p className="notice">{t('monitoring.outbox.others', { count: outbox.othersWaiting })}</p> : null}
      {outbox.notices.length === 0 ? null : (
        <section className="notice" aria-labelledby="review-notices" data-testid="review-notices">
          <h3 id="review-notices">{t('monitoring.outbox.review')}</h3>
          <p>{t('monitoring.outbox.reviewHint')}</p>
          <ul>
            {outbox.notices.map((n) => (
              <li key={n.clientId}>
                {n.label} — <span lang="en">{n.detail}</span>{' '}
                <button type="button" className="small secondary" onClick={() => void dismissNotice(n.clientId)}>
                  {t('monitoring.outbox.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {outbox.ready && outbox.records.length === 0 ? <EmptyState title={t('monitoring.outbox.empty')} /> : null}
      {outbox.records.length === 0 ? null : (
        <div className="table-wrap">
          <table className="data" data-testid="outbox-records">
            <thead>
              <tr>
                <th scope="col">{t('monitoring.outbox.record')}</th>
                <th scope="col">{t('monitoring.outbox.kind')}</th>
                <th scope="col">{t('monitoring.outbox.created')}</th>
                <th scope="col">{t('monitoring.outbox.state')}</th>
                <th scope="col">{t('monitoring.outbox.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {outbox.records.map((r) => (
                <tr key={r.clientId} data-state={r.state} data-client-id={r.clientId}>
                  <td>
                    {r.label}
                  </td>
                  <td>{t(`monitoring.inbox.kinds.${r.kind}`)}</td>
                  <td>{formatDateTime(r.createdAt, lang)}</td>
                  <td>
                    {t(`monitoring.outbox.states.${r.state}`)}
                    {r.attempts > 0 && r.state === 'waiting' ? ` · ${t('monitoring.outbox.attempts', { count: r.attempts, at: formatDateTime(r.nextAttemptAt, lang) })}` : null}
                    {r.error === null ? null : (
                      <div className="bad">
                        {r.error.errors.length === 0 ? <span lang="en">{r.error.detail}</span> : <ProblemList problems={r.error.errors} />}
                      </div>
                    )}
                  </td>
                  <td>
                    {r.state === 'failed' && EDIT_PATHS[r.kind] !== undefined ? (
                      <Link className="button" to={`${EDIT_PATHS[r.kind] ?? ''}?outbox=${r.clientId}`}>
                        {t('monitoring.outbox.correct')}
                      </Link>
                    ) : null}{' '}
                    <button type="button" className="danger" onClick={() => window.confirm(t('monitoring.outbox.confirmDelete')) && void deleteOutboxRecord(r.clientId)}>
                      {t('monitoring.outbox.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
