import { useTranslation } from 'react-i18next';
import { fieldWithHint } from '../app/forms/form-field.js';

/** A labelled field whose server error (tied by aria-describedby) comes with this area's hint. */
export const Field = fieldWithHint('supply.form.fixField');

/** A status as a coloured badge with its translated name. */
export function StatusBadge({ group, status }: { group: 'shipment' | 'lot' | 'asset' | 'maintenance'; status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`supply.${group}Status.${status}`)}</span>;
}
