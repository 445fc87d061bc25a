import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionItem, Meeting } from '../../../src/modules/partnerships/meetings.schema.js';
import { ACTION_STATUSES } from '../../../src/modules/partnerships/meetings.schema.js';
import { api } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import type { Language } from '../i18n/i18n.js';
import { usePartnershipWriter } from './partners-access.js';
import { formatDate, organizationName, pick } from './texts.js';

function StatusForm({ item }: { item: ActionItem }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState(item.status);
  const save = useMutation({
    mutationFn: () => api<ActionItem>(`/api/v1/action-items/${item.id}`, { method: 'PATCH', body: { version: item.version, status } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['partners'] }),
  });
  const label = t('partners.changeStatus', { item: pick(item.text, i18n.language as Language) });
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <select aria-label={label} value={status} onChange={(e) => setStatus(e.target.value as ActionItem['status'])}>
        {ACTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`partners.actionStatuses.${s}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="small" disabled={save.isPending || status === item.status}>
        {t('partners.save')}
      </button>
      {save.isSuccess && status === item.status ? (
        <span className="ok" role="status">
          {t('partners.form.saved')}
        </span>
      ) : null}
      {save.isError ? <ErrorState error={save.error} /> : null}
    </form>
  );
}

/** Action items with owner, due date and status; writers change the status in place. */
export function ActionItems({ items }: { items: readonly ActionItem[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const writer = usePartnershipWriter().canWrite;
  if (items.length === 0) return <p className="muted">{t('partners.noActionItems')}</p>;
  return (
    <div className="table-wrap">
      <table className="data" data-testid="action-items">
        <thead>
          <tr>
            <th scope="col">{t('partners.actionItems')}</th>
            <th scope="col">{t('partners.owner')}</th>
            <th scope="col">{t('partners.dueOn')}</th>
            <th scope="col">{t('partners.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} className={a.overdue ? 'overdue' : undefined}>
              <td>
                {pick(a.text, lang)}
                {a.area === null ? null : <div className="muted">{t(`partners.areas.${a.area}`)}</div>}
              </td>
              <td>{a.owner}</td>
              <td>
                {formatDate(a.dueOn, lang)}
                {a.overdue ? <strong className="bad"> · {t('partners.overdue')}</strong> : null}
              </td>
              <td>{writer ? <StatusForm item={a} /> : t(`partners.actionStatuses.${a.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A meeting: participants with roles, areas discussed, decisions and action items. */
export function MeetingView({ meeting, headingLevel = 2 }: { meeting: Meeting; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="meeting" data-testid="meeting">
      <dl className="details">
        <div>
          <dt>{t('partners.heldOn')}</dt>
          <dd>{formatDate(meeting.heldOn, lang)}</dd>
        </div>
        {meeting.place === null ? null : (
          <div>
            <dt>{t('partners.place')}</dt>
            <dd>{meeting.place}</dd>
          </div>
        )}
        <div>
          <dt>{t('partners.areasDiscussed')}</dt>
          <dd>{meeting.areas.map((a) => t(`partners.areas.${a}`)).join(', ')}</dd>
        </div>
      </dl>
      <H>{t('partners.participants')}</H>
      <ul className="plain">
        {meeting.participants.map((p) => (
          <li key={`${p.organizationId}-${p.role}`}>
            {organizationName({ nameUk: p.organizationName.uk, nameEn: p.organizationName.en, nameJa: p.organizationName.ja }, lang)} — {p.name === undefined ? '' : `${p.name}, `}
            {p.role}
          </li>
        ))}
      </ul>
      <H>{t('partners.decisions')}</H>
      <ol data-testid="decisions">
        {meeting.decisions.map((d, i) => (
          <li key={i}>{pick(d.text, lang)}</li>
        ))}
      </ol>
      <H>{t('partners.actionItems')}</H>
      <ActionItems items={meeting.actionItems} />
    </div>
  );
}
