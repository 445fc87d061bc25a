import { localName, localNameWithLang } from '../local-name.js';

/**
 * An organisation's names as the API's answers carry them: Ukrainian and English always, Japanese where the
 * registry holds one (null otherwise; absent from a shape that does not carry it).
 */
export interface OrganizationNames {
  readonly nameUk: string;
  readonly nameEn: string;
  readonly nameJa?: string | null;
}

/**
 * The one way the app names an organisation: Ukrainian for a Ukrainian reader, English for an English one, and
 * the Japanese name for a Japanese reader, or the English one where there is none (日本国政府, JICA's
 * 独立行政法人国際協力機構, but "National Health Service of Ukraine").
 */
export const organizationName = (org: OrganizationNames, lang: string): string => localName(org, lang);

/** A record's donor as the supply answers carry it (shipments, lots): the English name plus the other two. */
export interface DonorNames {
  readonly donorName: string;
  readonly donorNameUk: string;
  readonly donorNameJa?: string | null;
}

/** The donor of a shipment or lot in the reader's language, by the same rule as any organisation. */
export const donorNameOf = (r: DonorNames, lang: string): string => organizationName({ nameEn: r.donorName, nameUk: r.donorNameUk, nameJa: r.donorNameJa ?? null }, lang);

/** The donor's name with the language it is in, for the element's lang attribute where it falls back (English to a Japanese reader). */
export const donorNameWithLang = (r: DonorNames, lang: string): { name: string; lang: 'uk' | 'en' | 'ja' } =>
  localNameWithLang({ nameEn: r.donorName, nameUk: r.donorNameUk, nameJa: r.donorNameJa ?? null }, lang);
