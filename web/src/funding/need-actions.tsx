import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Need } from '../../../src/modules/needs/needs.schema.js';
import { hasAnyRole, useSession } from '../access/use-session.js';
import { api } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import { LOCALE, type Language } from '../i18n/i18n.js';
import { formText } from '../app/forms/form-field.js';
import { NeedEdit } from './need-edit.js';

type Reasoned = 'reject' | 'cancel' | 'close';
const OPEN = ['submitted', 'approved', 'partially_met'];

/** Sends one decision about the need and refreshes every need view. */
function useDecision(need: Need) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: 'approve' | Reasoned; reason?: string }) =>
      api<Need>(`/api/v1/needs/${need.id}/${action}`, { method: 'POST', body: { version: need.version, ...(reason === undefined ? {} : { reason }) } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['needs'] }),
  });
}

/**
 * The actions the caller may take on a need, as buttons: a coordinator approves or rejects a submitted need,
 * cancels, closes short or edits an open one; the reporter who raised it edits or cancels it while it waits.
 * A decision that needs a reason asks for it first. The server decides in the end (scope, versions).
 */
export function NeedActions({ need }: { need: Need }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const decide = useDecision(need);
  const [asking, setAsking] = useState<Reasoned | 'edit' | null>(null);
  const coordinator = hasAnyRole(session.data, ['admin', 'coordinator']);
  const owner = need.raisedByMe && need.status === 'submitted';
  const open = OPEN.includes(need.status);
  const may = {
    approve: coordinator && need.status === 'submitted',
    reject: coordinator && need.status === 'submitted',
    edit: open && (coordinator || owner),
    cancel: open && (coordinator || owner),
    close: coordinator && open,
  };
  if (!Object.values(may).some(Boolean)) return null;
  const q = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 6 });
  const rest = Math.max(0, Number(need.quantity) - Number(need.delivered));
  const unit = t(`funding.needs.unitValues.${need.unit}`, { defaultValue: need.unit });
  const submit = (action: Reasoned) => (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    decide.mutate({ action, reason: formText(new FormData(e.currentTarget), 'reason') }, { onSuccess: () => setAsking(null) });
  };
  return (
    <section aria-label={t('funding.needs.actions')}>
      <p className="actions" data-testid="need-actions">
        {may.approve ? (
          <button type="button" onClick={() => decide.mutate({ action: 'approve' })} disabled={decide.isPending}>
            {t('funding.needs.approve')}
          </button>
        ) : null}
        {may.edit ? (
          <button type="button" className="secondary" onClick={() => setAsking('edit')} aria-expanded={asking === 'edit'}>
            {t('funding.needs.edit')}
          </button>
        ) : null}
        {(['reject', 'cancel', 'close'] as const)
          .filter((a) => may[a])
          .map((a) => (
            <button key={a} type="button" className="secondary" onClick={() => setAsking(a)} aria-expanded={asking === a}>
              {t(a === 'cancel' ? 'funding.needs.cancelNeed' : `funding.needs.${a}`)}
            </button>
          ))}
      </p>
      {asking === 'edit' ? <NeedEdit need={need} onDone={() => setAsking(null)} /> : null}
      {asking !== null && asking !== 'edit' ? (
        <form className="inline-form" data-testid={`need-${asking}`} onSubmit={submit(asking)}>
          {asking === 'close' ? <p className="muted">{t('funding.needs.closeRest', { rest: q.format(rest), unit })}</p> : null}
          <input name="reason" required minLength={3} maxLength={1000} placeholder={t(`funding.needs.reasonFor.${asking}`)} aria-label={t(`funding.needs.reasonFor.${asking}`)} />
          <button type="submit" disabled={decide.isPending}>
            {t(`funding.needs.confirm.${asking}`)}
          </button>
          <button type="button" className="secondary" onClick={() => setAsking(null)}>
            {t('funding.needs.cancel')}
          </button>
        </form>
      ) : null}
      {decide.isError ? <ErrorState error={decide.error} /> : null}
    </section>
  );
}
