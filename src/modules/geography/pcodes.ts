import { OBLASTS } from './oblasts.js';

/**
 * OCHA's P-codes for Ukraine, which every HDX data set joins on. Since the 2020 reform OCHA's
 * common operational datasets code oblasts and raions by the KATOTTG number: an oblast's P-code is
 * the first four characters of its KATOTTG code (UA05 for Vinnytsia, UA44 for Luhansk, whose ISO
 * 3166-2 is UA-09), a raion's the first six (UA0502). Hromadas are not coded here: their P-codes
 * are not a prefix of the KATOTTG code.
 */
export interface AreaCodes {
  adm1Pcode: string;
  adm1Katottg: string;
  adm1NameEn: string;
  adm2Pcode: string | null;
}

const BY_PREFIX = new Map(OBLASTS.map((o) => [o.katottg.slice(0, 4), o]));

/** The first- (and, for raions and below, second-) level codes of an area given by its KATOTTG code; null when it is not in Ukraine's codifier. */
export function areaCodesOf(katottg: string): AreaCodes | null {
  const oblast = BY_PREFIX.get(katottg.slice(0, 4));
  if (oblast === undefined) return null;
  const raion = katottg.slice(4, 6);
  return { adm1Pcode: oblast.pcode, adm1Katottg: oblast.katottg, adm1NameEn: oblast.nameEn, adm2Pcode: /^[0-9]{2}$/.test(raion) && raion !== '00' ? katottg.slice(0, 6) : null };
}
