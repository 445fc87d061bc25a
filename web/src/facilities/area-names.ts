// The Japanese oblast names live with the server's geography, so its answers and the app's labels name an oblast alike.
import { OBLAST_NAMES_JA } from '../../../src/modules/geography/area-names.schema.js';
import type { AreaList } from '../../../src/modules/geography/geography.schema.js';
import { localName } from '../app/local-name.js';

export { OBLAST_NAMES_JA };

type Area = Pick<AreaList['items'][number], 'iso3166_2' | 'nameUk' | 'nameEn'>;

/** An area's name in the reader's language: Japanese for the 27 first-level units, else the registry's names. */
export const areaName = (area: Area, lang: string): string => localName({ nameUk: area.nameUk, nameEn: area.nameEn, nameJa: area.iso3166_2 === null ? null : OBLAST_NAMES_JA[area.iso3166_2] }, lang);
