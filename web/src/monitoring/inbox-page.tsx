import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Facility } from '../../../src/modules/facilities/facilities.schema.js';
import type { Incident } from '../../../src/modules/monitoring/incidents.schema.js';
import type { StatusReport } from '../../../src/modules/monitoring/status.schema.js';
import { INBOX_STATES, type InboxEntry, type Resolution } from '../../../src/modules/monitoring/sync.schema.js';
import { api, queryString } from '../api/client.js';
import { EmptyState, ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { formatDateTime } from '../app/format/dates.js';

type Fields = Record<string, unknown>;

/** The record the conflicting one collides with, as flat fields: the facility now, or the record stored under the client id. */
function useCurrent(entry: InboxEntry) {
  const body = (entry.body ?? {}) as Fields;
  return useQuery({
    queryKey: ['inbox-current', entry.id],
    queryFn: async (): Promise<Fields | null> => {
      if (entry.kind === 'facility_edit') return entry.facilityId === null ? null : (await api<Facility>(`/api/v1/facilities/${entry.facilityId}`));
      if (entry.kind === 'status_report') {
        const list = await api<{ items: StatusReport[] }>(`/api/v1/status-reports${queryString({ facility: entry.facilityId ?? undefined, limit: 500 })}`);
        return (list.items.find((r) => r.id === entry.clientId) as unknown as Fields | undefined) ?? null;
      }
      const incidents = await api<{ items: Incident[] }>(`/api/v1/incidents${queryString({ limit: 500 })}`);
      return (incidents.items.find((r) => r.id === entry.clientId) as unknown as Fields | undefined) ?? null;
    },
    enabled: typeof body === 'object',
  });
}

const show = (v: unknown): string => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** Sent fields next to the current ones; a facility edit compares its changes and its base version. */
function Comparison({ entry }: { entry: InboxEntry }) {
  const { t } = useTranslation();
  const current = useCurrent(entry);
  const body = (entry.body ?? {}) as Fields;
  const sent: Fields = entry.kind === 'facility_edit' ? { version: body.baseVersion, ...((body.changes ?? {}) as Fields) } : body;
  if (current.isError) return <ErrorState error={current.error} />;
  const now = current.data;
  return (
    <div className="table-wrap compact">
      <table className="data compare">
        <thead>
          <tr>
            <th scope="col">{t('monitoring.inbox.field')}</th>
            <th scope="col">{t('monitoring.inbox.sent')}</th>
            <th scope="col">{now === null ? t('monitoring.inbox.noCurrent') : t('monitoring.inbox.current')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.keys(sent).map((k) => {
            const mine = show(sent[k]);
            const theirs = now === undefined ? '…' : now === null ? '—' : show(now[k]);
            return (
              <tr key={k} className={now !== undefined && now !== null && mine !== theirs ? 'changed' : ''}>
                <th scope="row">
                  <code>{k}</code>
                </th>
                <td lang="en">{mine}</td>
                <td lang="en">{theirs}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Resolve({ entry }: { entry: InboxEntry }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const resolve = useMutation({
    mutationFn: (resolution: Resolution) => api<InboxEntry>(`/api/v1/sync/inbox/${entry.id}/resolve`, { method: 'POST', body: { resolution, ...(note.trim() === '' ? {} : { note: note.trim() }) } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['sync-inbox'] }),
  });
  return (
    <div>
      <label className="field">
        {t('monitoring.inbox.note')}
        <input value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <p className="actions">
        <button type="button" onClick={() => resolve.mutate('apply')} disabled={resolve.isPending}>
          {t('monitoring.inbox.apply')}
        </button>
        <button type="button" className="secondary" onClick={() => resolve.mutate('dismiss')} disabled={resolve.isPending}>
          {t('monitoring.inbox.dismiss')}
        </button>
      </p>
      {resolve.isError ? <ErrorState error={resolve.error} /> : null}
    </div>
  );
}

/** Conflicts from offline sync that a coordinator decides: apply the sent record on top of the current one, or dismiss it. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const list = useInfiniteQuery({
    queryKey: ['sync-inbox', status],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api<{ items: InboxEntry[]; nextCursor: string | null }>(`/api/v1/sync/inbox${queryString({ status, cursor: pageParam, limit: 20 })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <h2>{t('monitoring.inbox.title')}</h2>
      <p className="muted">{t('monitoring.inbox.hint')}</p>
      <form className="filters" aria-label={t('facilities.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('facilities.status')}
          <select name="status" value={status} onChange={(e) => setParams(e.target.value === 'open' ? {} : { status: e.target.value })}>
            {INBOX_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`monitoring.inbox.states.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? <EmptyState title={t('monitoring.inbox.empty')} /> : null}
      {items.map((e) => (
        <article key={e.id} className="notice" data-testid="inbox-entry">
          <h3>
            {t(`monitoring.inbox.kinds.${e.kind}`, { defaultValue: e.kind })} · {formatDateTime(e.receivedAt, lang)}
          </h3>
          <p>
            {t('monitoring.inbox.actor')}: {e.actor}
            {e.facilityId === null ? null : (
              <>
                {' · '}
                <Link to={`/facilities/${e.facilityId}`}>{t('monitoring.inbox.facility')}</Link>
              </>
            )}
          </p>
          <p className="muted" lang="en">
            {e.reason}
          </p>
          <Comparison entry={e} />
          {e.resolution === null ? (
            <Resolve entry={e} />
          ) : (
            <p>
              {t(`monitoring.inbox.resolutions.${e.resolution}`)} · {e.resolvedBy ?? ''} · {e.resolvedAt === null ? '' : formatDateTime(e.resolvedAt, lang)}
              {e.note === null ? null : ` · ${e.note}`}
            </p>
          )}
        </article>
      ))}
      {list.hasNextPage ? (
        <button type="button" onClick={() => void list.fetchNextPage()}>
          {t('monitoring.incident.more')}
        </button>
      ) : null}
    </section>
  );
}
