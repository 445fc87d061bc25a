import { useTranslation } from 'react-i18next';
import { donorNameWithLang, type DonorNames } from '../app/format/organization-name.js';

/** A shipment's or lot's donor in the reader's language, marked with the language it is in (a fallback reads right aloud). */
export function DonorName({ of }: { of: DonorNames }) {
  const { i18n } = useTranslation();
  const name = donorNameWithLang(of, i18n.language);
  return <span lang={name.lang}>{name.name}</span>;
}
