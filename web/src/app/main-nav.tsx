import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import type { NavItem } from './nav-items.js';

/** How many destinations the phone's bottom bar shows before "More": three fit 360 px in every language. */
const PHONE_TABS = 3;

/**
 * The main navigation: a left menu on wide screens; on phones a bottom bar with the first destinations and a
 * "More" menu for the rest, so no label is cut and nothing hides past the edge. The overflow items exist in both
 * lists; CSS shows one of them (display: none also takes the other out of the accessibility tree).
 */
export function MainNav({ items, reporterOnly }: { items: readonly NavItem[]; reporterOnly: boolean }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const more = useRef<HTMLDetailsElement>(null);
  // Choosing a destination from "More" closes it.
  useEffect(() => more.current?.removeAttribute('open'), [pathname]);
  const overflow = items.length > PHONE_TABS + 1;
  const link = (item: NavItem) => (
    <NavLink to={item.to === '/' && reporterOnly ? '/overview' : item.to} end={item.to === '/'} className={item.ready ? '' : 'not-ready'}>
      {t(item.label)}
    </NavLink>
  );
  const moreActive = overflow && items.slice(PHONE_TABS).some((i) => i.to !== '/' && pathname.startsWith(i.to));
  return (
    <nav className="side-nav" aria-label={t('app.menu')}>
      <ul>
        {items.map((item, i) => (
          <li key={item.to} className={overflow && i >= PHONE_TABS ? 'phone-more' : undefined}>
            {link(item)}
          </li>
        ))}
      </ul>
      {overflow ? (
        <details className="more-menu" ref={more}>
          <summary className={moreActive ? 'active' : undefined}>{t('app.more')}</summary>
          <ul>
            {items.slice(PHONE_TABS).map((item) => (
              <li key={item.to}>{link(item)}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </nav>
  );
}
