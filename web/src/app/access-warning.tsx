import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AccessWarning } from '../../../src/modules/geography/access-warning.schema.js';
import { formatDate } from './format/dates.js';

type Names = AccessWarning['area']['name'];
const inLanguage = (names: Names, lang: string): string => (lang === 'uk' || lang === 'en' || lang === 'ja' ? names[lang] : names.en);

/**
 * The API's warning about a destination under active hostilities, as a sentence in the reader's language:
 * "Skadovskyi raion (Kherson Oblast) is under active hostilities since 24 Feb 2022: deliveries there are at risk."
 * A raion or hromada is named with its kind and its oblast; an oblast alone.
 */
export function accessWarningText(warning: AccessWarning, t: TFunction, lang: string): string {
  const name = inLanguage(warning.area.name, lang);
  const kind = warning.area.level === 2 ? 'raion' : warning.area.level === 3 ? 'hromada' : null;
  const named = kind === null ? name : t(`areaAccess.${kind}`, { name });
  const area = warning.oblast === null ? named : t('areaAccess.inOblast', { area: named, oblast: inLanguage(warning.oblast.name, lang) });
  return t('areaAccess.warning', { area, since: formatDate(warning.since, lang) });
}

/** The warning as a notice on a page, or nothing when there is none. */
export function AccessWarningNotice({ warning, testId }: { warning: AccessWarning | undefined; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (warning === undefined) return null;
  return (
    <p className="notice" role="status" data-testid={testId ?? 'access-warning'}>
      {accessWarningText(warning, t, i18n.language)}
    </p>
  );
}
