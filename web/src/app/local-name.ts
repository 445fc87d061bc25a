/** A record's names as the API gives them: Ukrainian always, English and Japanese where the registry holds them. */
export interface Names {
  nameUk: string;
  nameEn?: string | null;
  nameJa?: string | null;
}

/**
 * The name to show a reader of `lang`: their own language where the record has it; otherwise English for a
 * Japanese reader (the registry's second language), and Ukrainian, the one name every record has, last.
 */
export function localName(names: Names, lang: string): string {
  return localNameWithLang(names, lang).name;
}

/** The name and the language it is in, for the element's lang attribute (a screen reader reads it right). */
export function localNameWithLang(names: Names, lang: string): { name: string; lang: 'uk' | 'en' | 'ja' } {
  const en = names.nameEn === undefined || names.nameEn === null || names.nameEn === '' ? null : names.nameEn;
  const ja = names.nameJa === undefined || names.nameJa === null || names.nameJa === '' ? null : names.nameJa;
  if (lang === 'uk') return { name: names.nameUk, lang: 'uk' };
  if (lang === 'ja' && ja !== null) return { name: ja, lang: 'ja' };
  return en === null ? { name: names.nameUk, lang: 'uk' } : { name: en, lang: 'en' };
}
