/**
 * Japanese names of Ukraine's 27 first-level units by ISO 3166-2 code, as Japan's Ministry of Foreign Affairs
 * writes them since 2022 (キーウ, not キエフ). The registry holds Ukrainian and English names only; these are facts
 * of the country's map, kept in code here so that the server's answers and the web app name an oblast alike.
 * (Named .schema like the other modules the web app may import: data and pure functions, no server code.)
 */
export const OBLAST_NAMES_JA: Readonly<Record<string, string>> = {
  'UA-05': 'ヴィンニツャ州',
  'UA-07': 'ヴォリーニ州',
  'UA-09': 'ルハンシク州',
  'UA-12': 'ドニプロペトロウシク州',
  'UA-14': 'ドネツィク州',
  'UA-18': 'ジトーミル州',
  'UA-21': 'ザカルパッチャ州',
  'UA-23': 'ザポリッジャ州',
  'UA-26': 'イヴァーノ・フランキーウシク州',
  'UA-30': 'キーウ市',
  'UA-32': 'キーウ州',
  'UA-35': 'キロヴォフラード州',
  'UA-40': 'セヴァストーポリ市',
  'UA-43': 'クリミア自治共和国',
  'UA-46': 'リヴィウ州',
  'UA-48': 'ミコライウ州',
  'UA-51': 'オデーサ州',
  'UA-53': 'ポルタヴァ州',
  'UA-56': 'リウネ州',
  'UA-59': 'スーミ州',
  'UA-61': 'テルノーピリ州',
  'UA-63': 'ハルキウ州',
  'UA-65': 'ヘルソン州',
  'UA-68': 'フメリニツキー州',
  'UA-71': 'チェルカーシ州',
  'UA-74': 'チェルニーヒウ州',
  'UA-77': 'チェルニウツィー州',
};

/** An area's names in the three languages of the interface, from the registry's names. */
export interface LocalNames {
  readonly uk: string;
  readonly en: string;
  readonly ja: string;
}

/**
 * uk, en and ja names of an area: Japanese for the 27 first-level units; a raion or hromada has no Japanese
 * (nor, from the codifier, English) name, so Japanese falls back to English and English to Ukrainian.
 */
export function localNames(area: { readonly iso3166_2: string | null; readonly nameUk: string; readonly nameEn: string | null }): LocalNames {
  const en = area.nameEn ?? area.nameUk;
  return { uk: area.nameUk, en, ja: (area.iso3166_2 === null ? undefined : OBLAST_NAMES_JA[area.iso3166_2]) ?? en };
}
