import { useTranslation } from 'react-i18next';
import type { Paging } from './use-url-filters.js';

/** Previous and next page of a keyset list; hidden while the whole list fits on one page. */
export function Pager({ paging, nextCursor }: { paging: Paging; nextCursor: string | null | undefined }) {
  const { t } = useTranslation();
  if (paging.number === 1 && (nextCursor === null || nextCursor === undefined)) return null;
  return (
    <nav className="pager" aria-label={t('app.pages')}>
      <button type="button" disabled={paging.number === 1} onClick={paging.previous}>
        {t('app.previousPage')}
      </button>
      <span>{t('app.page', { page: paging.number })}</span>
      <button type="button" disabled={nextCursor === null || nextCursor === undefined} onClick={() => nextCursor !== null && nextCursor !== undefined && paging.next(nextCursor)}>
        {t('app.nextPage')}
      </button>
    </nav>
  );
}
