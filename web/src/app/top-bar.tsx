import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Me } from '../../../src/modules/access/access.schema.js';
import { useSignOut } from '../access/use-session.js';
import { LANGUAGES, setLanguage, type Language } from '../i18n/i18n.js';
import { OutboxBadge } from '../offline/outbox-badge.js';
import { NotificationBell } from '../notifications/notification-bell.js';

export function TopBar({ me }: { me: Me | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [query, setQuery] = useState('');
  return (
    <header className="top-bar">
      <Link to="/" className="brand">
        {t('app.title')}
        <span className="tagline">{t('app.tagline')}</span>
      </Link>
      {me === null ? null : (
        <form
          role="search"
          className="top-search"
          onSubmit={(e) => {
            e.preventDefault();
            void navigate(`/facilities?q=${encodeURIComponent(query)}`);
          }}
        >
          <label htmlFor="top-search" className="visually-hidden">
            {t('app.searchPlaceholder')}
          </label>
          <input id="top-search" type="search" placeholder={t('app.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit">{t('app.search')}</button>
        </form>
      )}
      <OutboxBadge me={me} />
      <NotificationBell me={me} />
      <label className="language">
        <span className="visually-hidden">{t('app.language')}</span>
        <select aria-label={t('app.language')} value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="language-select">
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      {me === null ? (
        <Link to="/sign-in" className="button">
          {t('app.signIn')}
        </Link>
      ) : (
        <div className="user-menu" data-testid="user-menu">
          <span className="user-name" title={me.user.email}>
            {me.user.name} · {me.roles.map((r) => t(`roles.${r}`)).join(', ')}
          </span>
          <Link to="/notifications/settings" className="button" data-testid="notification-settings">
            {t('notifications.settings')}
          </Link>
          <button type="button" onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/') })}>
            {t('app.signOut')}
          </button>
        </div>
      )}
    </header>
  );
}
