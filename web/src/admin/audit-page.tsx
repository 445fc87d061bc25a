import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEvent } from '../../../src/modules/audit/audit.schema.js';
import { api, queryString } from '../api/client.js';
import { FilterSelect } from '../app/filter-select.js';
import { formatDateTime } from '../app/format/dates.js';
import { NoMatch } from '../app/list-table.js';
import { EmptyState, ErrorState } from '../app/states.js';
import { auditEn } from './audit.messages.js';

interface Verdict {
  ok: boolean;
  count: number;
  brokenSeq?: number;
  reason?: string;
}

/** Where an entity's own page is, for the entities that have one. */
const ENTITY_PAGES: Readonly<Record<string, (id: string) => string>> = {
  facility: (id) => `/facilities/${id}`,
  project: (id) => `/funding/projects/${id}`,
  need: (id) => `/needs/${id}`,
  shipment: (id) => `/supply/shipments/${id}`,
  lot: (id) => `/supply/lots/${id}`,
  product: (id) => `/supply/products/${id}`,
  asset: (id) => `/supply/assets/${id}`,
  agreement: (id) => `/partners/agreements/${id}`,
  meeting: (id) => `/partners/meetings/${id}`,
  organization: (id) => `/partners/${id}`,
};

const known = (group: Record<string, string>, key: string): boolean => Object.hasOwn(group, key);

/** The entity in words of the reader's language; one not listed is "a record", never its raw name. */
const entityWord = (t: TFunction, entity: string): string => t(`audit.entities.${known(auditEn.entities, entity) ? entity : 'other'}`);

/** What happened, as a sentence ("Created: facility"); an action not listed reads as "Changed: …". */
const actionSentence = (t: TFunction, e: AuditEvent): string => t(`audit.did.${known(auditEn.did, e.action) ? e.action : 'other'}`, { entity: entityWord(t, e.entity) });

/** Who acted: the person's name and roles, the system, someone not signed in, or a user no longer in the registry. */
function Actor({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  if (event.actorKind === 'system') return <>{t('audit.system')}</>;
  if (event.actorKind === 'anonymous') return <>{t('audit.anonymous')}</>;
  if (event.actorName === null) return <>{t('audit.formerUser', { email: event.actor ?? '' })}</>;
  return (
    <>
      {event.actorName}
      {event.actorRoles.length === 0 ? null : <span className="muted"> · {event.actorRoles.map((r) => t(`roles.${r}`)).join(', ')}</span>}
    </>
  );
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
        <FilterSelect
          label={t('audit.entity')}
          name="entity"
          value={filter.entity}
          all={t('audit.allEntities')}
          options={Object.keys(auditEn.entities)
            .filter((k) => k !== 'other')
            .map((k) => ({ value: k, label: entityWord(t, k) }))}
          onChange={(entity) => setFilter({ ...filter, entity })}
        />
        <label>
          {t('audit.actor')}
          <input value={filter.actor} onChange={(e) => setFilter({ ...filter, actor: e.target.value })} />
        </label>
      </form>
      {events.isError ? <ErrorState error={events.error} /> : null}
      {events.isSuccess && rows.length === 0 ? filter.entity !== '' || filter.actor !== '' ? <NoMatch title={t('audit.empty')} onClear={() => setFilter({ entity: '', actor: '' })} /> : <EmptyState title={t('audit.none')} /> : null}
      <div className="table-wrap" hidden={rows.length === 0}>
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
            {rows.map((e) => {
              const page = ENTITY_PAGES[e.entity];
              return (
                <tr key={e.seq} data-action={e.action}>
                  <td className="num">{e.seq}</td>
                  <td>{formatDateTime(e.at, i18n.language)}</td>
                  <td data-testid="audit-actor">
                    <Actor event={e} />
                  </td>
                  <td>{actionSentence(t, e)}</td>
                  <td>{page === undefined ? entityWord(t, e.entity) : <Link to={page(e.entityId)}>{t('audit.openEntity', { entity: entityWord(t, e.entity) })}</Link>}</td>
                </tr>
              );
            })}
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
