import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Need } from '../../../src/modules/needs/needs.schema.js';
import { api, queryString } from '../api/client.js';
import { ErrorState } from '../app/states.js';
import { formText } from '../app/forms/form-field.js';

/**
 * Removes a transaction's link to a need that was made by mistake. The reason is asked for first and kept in the
 * audit log; the server recomputes what the need has pledged, committed and delivered.
 */
export function NeedUnlink({ needId, linkId }: { needId: string; linkId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const remove = useMutation({
    mutationFn: (reason: string) => api<Need>(`/api/v1/needs/${needId}/links/${linkId}${queryString({ reason })}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['needs'] }),
  });
  if (!asking) {
    return (
      <button type="button" className="secondary" onClick={() => setAsking(true)}>
        {t('funding.needs.unlink')}
      </button>
    );
  }
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    remove.mutate(formText(new FormData(e.currentTarget), 'reason'));
  };
  return (
    <form className="inline-form" data-testid="need-unlink" onSubmit={submit}>
      <input name="reason" required minLength={3} maxLength={500} placeholder={t('funding.needs.unlinkReason')} aria-label={t('funding.needs.unlinkReason')} />
      <button type="submit" disabled={remove.isPending}>
        {t('funding.needs.unlinkConfirm')}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        {t('funding.needs.cancel')}
      </button>
      {remove.isError ? <ErrorState error={remove.error} /> : null}
    </form>
  );
}
