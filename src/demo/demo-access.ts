import { Readable } from 'node:stream';
import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import { appendAudit } from '../modules/audit/audit.service.js';
import { importAreaStatuses } from '../modules/geography/area-status.import.js';
import { upsertAreas } from '../modules/geography/geography.repository.js';
import { OBLASTS } from '../modules/geography/oblasts.js';

const katottgOf = (iso: string): string => OBLASTS.find((o) => o.iso3166_2 === iso)?.katottg ?? '';
const DONETSK = katottgOf('UA-14');
const ZAPORIZHZHIA = katottgOf('UA-23');
const KHERSON = katottgOf('UA-65');

/**
 * The raions of the demo that are temporarily occupied (real KATOTTG codes, names as the codifier has them and in
 * English, approximate centres), with the date the Ministry of Reintegration's list gives, rounded to the event.
 * The demo has no codifier loaded, so these raions are added to its areas and the facilities that fall in the
 * occupied part of their oblast are placed in the nearest one.
 */
const OCCUPIED_RAIONS = [
  { katottg: 'UA14080000000098686', oblast: DONETSK, nameUk: 'Донецький', nameEn: 'Donetskyi', centre: [48.0, 37.8], since: '2014-04-07' },
  { katottg: 'UA14060000000024357', oblast: DONETSK, nameUk: 'Горлівський', nameEn: 'Horlivskyi', centre: [48.3, 38.05], since: '2014-04-07' },
  { katottg: 'UA14100000000010319', oblast: DONETSK, nameUk: 'Кальміуський', nameEn: 'Kalmiuskyi', centre: [47.65, 38.05], since: '2014-04-07' },
  { katottg: 'UA14140000000070889', oblast: DONETSK, nameUk: 'Маріупольський', nameEn: 'Mariupolskyi', centre: [47.1, 37.55], since: '2022-05-20' },
  { katottg: 'UA23080000000090746', oblast: ZAPORIZHZHIA, nameUk: 'Мелітопольський', nameEn: 'Melitopolskyi', centre: [46.85, 35.37], since: '2022-02-26' },
  { katottg: 'UA23020000000032289', oblast: ZAPORIZHZHIA, nameUk: 'Бердянський', nameEn: 'Berdianskyi', centre: [46.76, 36.8], since: '2022-02-27' },
  { katottg: 'UA23040000000067730', oblast: ZAPORIZHZHIA, nameUk: 'Василівський', nameEn: 'Vasylivskyi', centre: [47.44, 35.27], since: '2022-03-01' },
  { katottg: 'UA65040000000088940', oblast: KHERSON, nameUk: 'Генічеський', nameEn: 'Henicheskyi', centre: [46.17, 34.8], since: '2022-02-24' },
  { katottg: 'UA65080000000090947', oblast: KHERSON, nameUk: 'Скадовський', nameEn: 'Skadovskyi', centre: [46.12, 32.91], since: '2022-03-01' },
  { katottg: 'UA65060000000061947', oblast: KHERSON, nameUk: 'Каховський', nameEn: 'Kakhovskyi', centre: [46.75, 33.5], since: '2022-02-25' },
] as const;

/** Whether a point lies in the occupied part of its oblast: rough lines (the contact line, the Dnipro's left bank). */
const OCCUPIED_PART: Record<string, (lat: number, lon: number) => boolean> = {
  [DONETSK]: (lat, lon) => lat < 47.55 || lon > 38.2 || (lon > 37.75 && lat < 48.45),
  [ZAPORIZHZHIA]: (lat) => lat < 47.5,
  [KHERSON]: (lat, lon) => (lon < 33.4 ? lat < 46.6 + 0.22 * (lon - 32.5) : lat < 46.8 + 0.58 * (lon - 33.4)),
};

/** The demo area of a facility: an occupied raion when its point is in the occupied part of its oblast, else the oblast. */
export function demoAreaOf(oblastKatottg: string, lat: number, lon: number): string {
  if (OCCUPIED_PART[oblastKatottg]?.(lat, lon) !== true) return oblastKatottg;
  const d2 = (c: readonly [number, number]) => (c[0] - lat) ** 2 + (c[1] - lon) ** 2;
  const nearest = OCCUPIED_RAIONS.filter((r) => r.oblast === oblastKatottg).sort((a, b) => d2(a.centre) - d2(b.centre))[0];
  return nearest?.katottg ?? oblastKatottg;
}

/** Adds the occupied raions to the areas, audited (the codifier import later keeps them and their English names). */
export async function storeDemoRaions(database: Database, ctx: CallContext): Promise<void> {
  const rows = OCCUPIED_RAIONS.map((r) => ({ katottg: r.katottg, level: 2, parent_katottg: r.oblast, path: `${r.oblast}/${r.katottg}/`, category: 'P', iso3166_2: null, pcode: null, name_uk: r.nameUk, name_en: r.nameEn, geometry: null }));
  await database.db.transaction().execute(async (trx) => {
    await upsertAreas(trx, rows);
    await appendAudit(trx, database.kind, ctx, [{ action: 'import', entity: 'areas', entityId: 'demo-raions', change: { rows: rows.length } }]);
  });
}

/**
 * A plausible status list: Crimea and Sevastopol occupied since 2014-02-20; Luhansk oblast under active hostilities
 * from 2022-02-24 and occupied since 2022-07-03; the occupied raions above; the rest of the front-line oblasts
 * (Donetsk, Zaporizhzhia, Kherson, Kharkiv) under active hostilities since 2022-02-24. Written through the import,
 * as the Ministry's file would be.
 */
export async function loadAccessDemo(database: Database, ctx: CallContext): Promise<void> {
  const rows = [
    `${katottgOf('UA-43')},temporarily_occupied,2014-02-20,`,
    `${katottgOf('UA-40')},temporarily_occupied,2014-02-20,`,
    `${katottgOf('UA-09')},active_hostilities,2022-02-24,2022-07-03`,
    `${katottgOf('UA-09')},temporarily_occupied,2022-07-03,`,
    ...['UA-14', 'UA-23', 'UA-65', 'UA-63'].map((iso) => `${katottgOf(iso)},active_hostilities,2022-02-24,`),
    ...OCCUPIED_RAIONS.map((r) => `${r.katottg},temporarily_occupied,${r.since},`),
  ];
  await importAreaStatuses(database, ctx, Readable.from([`katottg,status,from,to\n${rows.join('\n')}\n`]));
}
