import type { TFunction } from 'i18next';
import { DAC_SECTOR_NAMES_EN } from './dac-sectors.generated.js';

/**
 * A sector's name in the user's language: our own uk/ja/en names for the codes we meet (funding.dac), else the
 * official English name from the IATI codelist, so a reader never meets a bare "72040". Only a code outside the
 * DAC list (another vocabulary) is shown as a code, and then in a sentence that says so.
 */
export function sectorName(t: TFunction, code: string): string {
  const official = DAC_SECTOR_NAMES_EN[code];
  return t(`funding.dac.${code}`, { defaultValue: official ?? t('funding.dacCode', { code }) });
}
