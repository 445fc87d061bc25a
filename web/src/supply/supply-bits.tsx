import { useTranslation } from 'react-i18next';
import { FormField } from '../funding/form-field.js';

/** A labelled field whose server error (tied by aria-describedby) comes with this area's hint. */
export function Field(props: Omit<Parameters<typeof FormField>[0], 'hint'> & { hint?: string }) {
  const { t } = useTranslation();
  return <FormField {...props} hint={props.hint ?? t('supply.form.fixField')} />;
}

/** A status as a coloured badge with its translated name. */
export function StatusBadge({ group, status }: { group: 'shipment' | 'lot' | 'asset' | 'maintenance'; status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`supply.${group}Status.${status}`)}</span>;
}
