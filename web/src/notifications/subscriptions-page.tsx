import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Subscription } from '../../../src/modules/notifications/notifications.schema.js';
import './notifications.css';
import { useSaveSubscriptions, useSubscriptions } from './use-notifications.js';

/** Per kind: shown here and/or emailed; and whether emails come one by one or in a daily digest. */
export function SubscriptionsPage() {
  const { t } = useTranslation();
  const current = useSubscriptions();
  const save = useSaveSubscriptions();
  const [kinds, setKinds] = useState<Subscription[]>([]);
  const [digest, setDigest] = useState(false);
  useEffect(() => {
    if (current.data === undefined) return;
    setKinds(current.data.kinds);
    setDigest(current.data.emailDigest);
  }, [current.data]);
  const toggle = (kind: Subscription['kind'], channel: 'inApp' | 'email') => setKinds((all) => all.map((k) => (k.kind === kind ? { ...k, [channel]: !k[channel] } : k)));
  return (
    <section className="notifications-page">
      <h1>{t('notifications.settingsTitle')}</h1>
      <p className="muted">{t('notifications.settingsHint')}</p>
      {current.isPending ? <p className="muted">{t('app.loading')}</p> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ kinds, emailDigest: digest });
        }}
      >
        <table className="subscriptions">
          <thead>
            <tr>
              <th scope="col">{t('notifications.kind')}</th>
              <th scope="col">{t('notifications.inApp')}</th>
              <th scope="col">{t('notifications.email')}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k.kind}>
                <th scope="row">{t(`notifications.kinds.${k.kind}`)}</th>
                <td>
                  <input type="checkbox" checked={k.inApp} onChange={() => toggle(k.kind, 'inApp')} aria-label={`${t(`notifications.kinds.${k.kind}`)}: ${t('notifications.inApp')}`} />
                </td>
                <td>
                  <input type="checkbox" checked={k.email} onChange={() => toggle(k.kind, 'email')} aria-label={`${t(`notifications.kinds.${k.kind}`)}: ${t('notifications.email')}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label className="digest">
          <input type="checkbox" checked={digest} onChange={(e) => setDigest(e.target.checked)} /> {t('notifications.digest')}
        </label>
        <p>
          <button type="submit" disabled={save.isPending || kinds.length === 0}>
            {t('notifications.save')}
          </button>{' '}
          {save.isSuccess ? <span role="status">{t('notifications.saved')}</span> : null}
          {save.isError ? <span role="alert">{save.error.message}</span> : null}
        </p>
      </form>
    </section>
  );
}
