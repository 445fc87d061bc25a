import { useTranslation } from 'react-i18next';
import { FormField } from '../funding/form-field.js';

/** A labelled field whose server error (tied by aria-describedby) comes with this area's hint. */
export function Field(props: Omit<Parameters<typeof FormField>[0], 'hint'> & { hint?: string }) {
  const { t } = useTranslation();
  return <FormField {...props} hint={props.hint ?? t('supply.form.fixField')} />;
}

/** Keyset paging: back to the first page, or on to the next. */
export function Pager({ cursor, nextCursor, onPage }: { cursor: string | undefined; nextCursor: string | null | undefined; onPage: (cursor: string | undefined) => void }) {
  const { t } = useTranslation();
  if (cursor === undefined && (nextCursor === null || nextCursor === undefined)) return null;
  return (
    <p className="pager">
      {cursor === undefined ? null : (
        <button type="button" onClick={() => onPage(undefined)}>
          {t('supply.firstPage')}
        </button>
      )}
      {nextCursor === null || nextCursor === undefined ? null : (
        <button type="button" onClick={() => onPage(nextCursor)}>
          {t('supply.nextPage')}
        </button>
      )}
    </p>
  );
}

/** A status as a coloured badge with its translated name. */
export function StatusBadge({ group, status }: { group: 'shipment' | 'lot' | 'asset' | 'maintenance'; status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`supply.${group}Status.${status}`)}</span>;
}
