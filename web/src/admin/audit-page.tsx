import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../src/modules/audit/audit.schema.js';
import { api, queryString } from '../api/client.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { LOCALE, type Language } from '../i18n/i18n.js';

interface Verdict {
  ok: boolean;
  count: number;
  brokenSeq?: number;
  reason?: string;
}

/** The audit log, newest first, with filters and a check of the hash chain. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState({ entity: '', actor: '' });
  const events = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api<{ items: AuditEvent[]; nextCursor: string | null }>(`/api/v1/audit${queryString({ ...filter, cursor: pageParam, limit: 100 })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: () => api<Verdict>('/api/v1/audit/verify') });
  const dateTime = new Intl.DateTimeFormat(LOCALE[i18n.language as Language], { dateStyle: 'short', timeStyle: 'medium' });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <p>
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {t('audit.verify')}
        </button>{' '}
        {verify.data === undefined ? null : (
          <span role="status" className={verify.data.ok ? 'ok' : 'bad'}>
            {verify.data.ok ? t('audit.verifyOk', { count: verify.data.count }) : t('audit.verifyBroken', { seq: verify.data.brokenSeq, reason: verify.data.reason })}
          </span>
        )}
      </p>
      <form className="filters" aria-label={t('audit.filter')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('audit.entity')}
          <input value={filter.entity} onChange={(e) => setFilter({ ...filter, entity: e.target.value })} />
        </label>
        <label>
          {t('audit.actor')}
          <input value={filter.actor} onChange={(e) => setFilter({ ...filter, actor: e.target.value })} />
        </label>
      </form>
      {events.isError ? <ErrorState error={events.error} /> : null}
      {events.isSuccess && rows.length === 0 ? <EmptyState title={t('audit.empty')} /> : null}
      <div className="table-wrap">
        <table className="data" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.seq')}</th>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.seq}>
                <td className="num">{e.seq}</td>
                <td>{dateTime.format(new Date(e.at))}</td>
                <td>{e.actor ?? '—'}</td>
                <td>{e.action}</td>
                <td>
                  {e.entity} <code>{e.entityId.slice(0, 13)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events.hasNextPage ? (
        <button type="button" onClick={() => void events.fetchNextPage()}>
          {t('audit.more')}
        </button>
      ) : null}
    </section>
  );
}
