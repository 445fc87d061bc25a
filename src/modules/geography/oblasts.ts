/**
 * The 27 first-level units of Ukraine (24 oblasts, the Autonomous Republic of Crimea, and the cities
 * of Kyiv and Sevastopol). ISO 3166-2 and KATOTTG/P-code numbers differ for five of them (Luhansk,
 * Chernivtsi, Kyiv, Sevastopol, Crimea): keep both, never derive one from the other.
 * Centres are the administrative centres, used for demo coordinates and for coarse placement.
 */
export interface Oblast {
  readonly iso3166_2: string;
  readonly pcode: string;
  readonly katottg: string;
  readonly category: 'O' | 'K';
  readonly nameUk: string;
  readonly nameEn: string;
  readonly centre: readonly [lat: number, lon: number];
}

export const OBLASTS: readonly Oblast[] = [
  { iso3166_2: 'UA-05', pcode: 'UA05', katottg: 'UA05000000000010236', category: 'O', nameUk: 'Вінницька', nameEn: 'Vinnytsia Oblast', centre: [49.23, 28.47] },
  { iso3166_2: 'UA-07', pcode: 'UA07', katottg: 'UA07000000000024379', category: 'O', nameUk: 'Волинська', nameEn: 'Volyn Oblast', centre: [50.75, 25.33] },
  { iso3166_2: 'UA-09', pcode: 'UA44', katottg: 'UA44000000000018893', category: 'O', nameUk: 'Луганська', nameEn: 'Luhansk Oblast', centre: [48.57, 39.31] },
  { iso3166_2: 'UA-12', pcode: 'UA12', katottg: 'UA12000000000090473', category: 'O', nameUk: 'Дніпропетровська', nameEn: 'Dnipropetrovsk Oblast', centre: [48.46, 35.04] },
  { iso3166_2: 'UA-14', pcode: 'UA14', katottg: 'UA14000000000091971', category: 'O', nameUk: 'Донецька', nameEn: 'Donetsk Oblast', centre: [48.02, 37.8] },
  { iso3166_2: 'UA-18', pcode: 'UA18', katottg: 'UA18000000000041385', category: 'O', nameUk: 'Житомирська', nameEn: 'Zhytomyr Oblast', centre: [50.25, 28.66] },
  { iso3166_2: 'UA-21', pcode: 'UA21', katottg: 'UA21000000000011690', category: 'O', nameUk: 'Закарпатська', nameEn: 'Zakarpattia Oblast', centre: [48.62, 22.29] },
  { iso3166_2: 'UA-23', pcode: 'UA23', katottg: 'UA23000000000064947', category: 'O', nameUk: 'Запорізька', nameEn: 'Zaporizhia Oblast', centre: [47.84, 35.14] },
  { iso3166_2: 'UA-26', pcode: 'UA26', katottg: 'UA26000000000069363', category: 'O', nameUk: 'Івано-Франківська', nameEn: 'Ivano-Frankivsk Oblast', centre: [48.92, 24.71] },
  { iso3166_2: 'UA-30', pcode: 'UA80', katottg: 'UA80000000000093317', category: 'K', nameUk: 'Київ', nameEn: 'Kyiv', centre: [50.45, 30.52] },
  { iso3166_2: 'UA-32', pcode: 'UA32', katottg: 'UA32000000000030281', category: 'O', nameUk: 'Київська', nameEn: 'Kyiv Oblast', centre: [50.3, 30.6] },
  { iso3166_2: 'UA-35', pcode: 'UA35', katottg: 'UA35000000000016081', category: 'O', nameUk: 'Кіровоградська', nameEn: 'Kirovohrad Oblast', centre: [48.51, 32.26] },
  { iso3166_2: 'UA-40', pcode: 'UA85', katottg: 'UA85000000000065278', category: 'K', nameUk: 'Севастополь', nameEn: 'Sevastopol', centre: [44.62, 33.53] },
  { iso3166_2: 'UA-43', pcode: 'UA01', katottg: 'UA01000000000013043', category: 'O', nameUk: 'Автономна Республіка Крим', nameEn: 'Autonomous Republic of Crimea', centre: [44.95, 34.1] },
  { iso3166_2: 'UA-46', pcode: 'UA46', katottg: 'UA46000000000026241', category: 'O', nameUk: 'Львівська', nameEn: 'Lviv Oblast', centre: [49.84, 24.03] },
  { iso3166_2: 'UA-48', pcode: 'UA48', katottg: 'UA48000000000039575', category: 'O', nameUk: 'Миколаївська', nameEn: 'Mykolaiv Oblast', centre: [46.98, 31.99] },
  { iso3166_2: 'UA-51', pcode: 'UA51', katottg: 'UA51000000000030770', category: 'O', nameUk: 'Одеська', nameEn: 'Odessa Oblast', centre: [46.48, 30.72] },
  { iso3166_2: 'UA-53', pcode: 'UA53', katottg: 'UA53000000000028050', category: 'O', nameUk: 'Полтавська', nameEn: 'Poltava Oblast', centre: [49.59, 34.55] },
  { iso3166_2: 'UA-56', pcode: 'UA56', katottg: 'UA56000000000066151', category: 'O', nameUk: 'Рівненська', nameEn: 'Rivne Oblast', centre: [50.62, 26.25] },
  { iso3166_2: 'UA-59', pcode: 'UA59', katottg: 'UA59000000000057109', category: 'O', nameUk: 'Сумська', nameEn: 'Sumy Oblast', centre: [50.91, 34.8] },
  { iso3166_2: 'UA-61', pcode: 'UA61', katottg: 'UA61000000000060328', category: 'O', nameUk: 'Тернопільська', nameEn: 'Ternopil Oblast', centre: [49.55, 25.59] },
  { iso3166_2: 'UA-63', pcode: 'UA63', katottg: 'UA63000000000041885', category: 'O', nameUk: 'Харківська', nameEn: 'Kharkiv Oblast', centre: [49.99, 36.23] },
  { iso3166_2: 'UA-65', pcode: 'UA65', katottg: 'UA65000000000030969', category: 'O', nameUk: 'Херсонська', nameEn: 'Kherson Oblast', centre: [46.64, 32.62] },
  { iso3166_2: 'UA-68', pcode: 'UA68', katottg: 'UA68000000000099709', category: 'O', nameUk: 'Хмельницька', nameEn: 'Khmelnytskyi Oblast', centre: [49.42, 26.99] },
  { iso3166_2: 'UA-71', pcode: 'UA71', katottg: 'UA71000000000010357', category: 'O', nameUk: 'Черкаська', nameEn: 'Cherkasy Oblast', centre: [49.44, 32.06] },
  { iso3166_2: 'UA-74', pcode: 'UA74', katottg: 'UA74000000000025378', category: 'O', nameUk: 'Чернігівська', nameEn: 'Chernihiv Oblast', centre: [51.5, 31.29] },
  { iso3166_2: 'UA-77', pcode: 'UA73', katottg: 'UA73000000000044923', category: 'O', nameUk: 'Чернівецька', nameEn: 'Chernivtsi Oblast', centre: [48.29, 25.94] },
];

/** The first-level unit whose administrative centre is nearest a point (coarse placement of a point without an area). */
export function nearestOblast(lat: number, lon: number): Oblast {
  const d2 = (o: Oblast) => (o.centre[0] - lat) ** 2 + ((o.centre[1] - lon) * Math.cos((lat * Math.PI) / 180)) ** 2;
  return OBLASTS.reduce((best, o) => (d2(o) < d2(best) ? o : best));
}
