import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PageRequest } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { dataVersionOf } from '../audit/data-version.service.js';
import { listAreaStatuses, statusesInForce, statusesOverlapping, type AreaStatusRow } from './area-status.repository.js';
import type { AccessStatus, AccessStatusCode, AreaStatusListFilters, AreaStatusPeriod } from './area-status.schema.js';
import { resolveArea } from './geography.service.js';
import { OBLASTS } from './oblasts.js';

/** Anything placed in an area: a facility, a stock location. */
export interface Placed {
  readonly id: string;
  readonly area_path: string;
}

const OBLAST_NAME = new Map(OBLASTS.map((o) => [o.katottg, o.nameEn]));
const LEVEL_WORD: Record<number, string> = { 2: 'raion', 3: 'hromada' };

/** "Skadovskyi raion (Kherson Oblast)"; an oblast is named alone. Raions and hromadas from the codifier have only their Ukrainian name. */
function areaLabel(row: Pick<AreaStatusRow, 'level' | 'path' | 'name_uk' | 'name_en'>): string {
  const name = row.name_en ?? row.name_uk;
  if (row.level <= 1) return name;
  return `${name} ${LEVEL_WORD[row.level] ?? 'area'} (${OBLAST_NAME.get(row.path.slice(0, row.path.indexOf('/'))) ?? 'unknown oblast'})`;
}

const WORDS: Record<AccessStatusCode, string> = {
  government_controlled: 'government-controlled',
  active_hostilities: 'under active hostilities',
  possible_hostilities: 'in an area of possible hostilities',
  temporarily_occupied: 'temporarily occupied',
};

const toAccess = (row: AreaStatusRow): AccessStatus => ({
  status: row.status as AccessStatusCode,
  since: row.valid_from,
  until: row.valid_to,
  areaKatottg: row.area_katottg,
  areaName: areaLabel(row),
  reachable: row.status !== 'temporarily_occupied',
});

/**
 * The statuses in force on one date, keyed by area path: a place inherits the status of its smallest area
 * that has one (hromada, else raion, else oblast), found by walking its path's prefixes from the longest.
 */
export class AccessOnDate {
  private readonly byPath = new Map<string, AccessStatus>();
  constructor(rows: readonly AreaStatusRow[]) {
    // Imports refuse overlapping periods of one area; should two still hold, the later start wins, the same way every time.
    for (const r of [...rows].sort((a, b) => a.valid_from.localeCompare(b.valid_from) || a.id.localeCompare(b.id))) this.byPath.set(r.path, toAccess(r));
  }

  of(areaPath: string): AccessStatus | null {
    if (this.byPath.size === 0) return null;
    for (let end = areaPath.lastIndexOf('/', areaPath.length - 1); end > 0; end = areaPath.lastIndexOf('/', end - 1)) {
      const found = this.byPath.get(areaPath.slice(0, end + 1));
      if (found !== undefined) return found;
    }
    return null;
  }

  /** Whether the Ministry can reach the place (no status, or any status but temporarily occupied). */
  reachable(areaPath: string): boolean {
    return this.of(areaPath)?.reachable ?? true;
  }
}

/** The day of a date or timestamp: statuses change at day boundaries. */
const dayOf = (at: string): string => at.slice(0, 10);

/** Days whose statuses are kept per connection: today, and a few others a report or plan asks about. */
const KEPT_DAYS = 8;

/**
 * The statuses in force on a day, by connection and day, with the data version they were read at. Every page
 * of facilities asks for today's (facilities.routes.ts); they change only with the data (an import or an edit,
 * each appending to the audit log, whichever process made it) or with the day, so reading the log's head (one
 * row by its key) replaces the join, sort and labels of every status on each request (issue 14 item 4). By
 * connection, so two databases in one process (tests) never share; not inside a transaction, which may have
 * written statuses of its own and ends soon anyway.
 */
const kept = new WeakMap<Kysely<DB>, Map<string, { version: string; access: AccessOnDate }>>();

export async function accessOn(db: Kysely<DB>, at: string): Promise<AccessOnDate> {
  const day = dayOf(at);
  if (db.isTransaction) return new AccessOnDate(await statusesInForce(db, day));
  // The version is read first: statuses read after it are at least as new, so an entry is never older than its version.
  const version = await dataVersionOf(db);
  let days = kept.get(db);
  if (days === undefined) kept.set(db, (days = new Map<string, { version: string; access: AccessOnDate }>()));
  const entry = days.get(day);
  if (entry !== undefined && entry.version === version) return entry.access;
  const access = new AccessOnDate(await statusesInForce(db, day));
  days.delete(day);
  days.set(day, { version, access });
  // Oldest first: Map keeps insertion order.
  if (days.size > KEPT_DAYS) days.delete(days.keys().next().value as string);
  return access;
}

/** From `from` until the next segment's start (or the period's end), these statuses are in force. */
export interface AccessSegment {
  readonly from: string;
  readonly access: AccessOnDate;
}

/**
 * The statuses over a period of days as segments: one from its first day and one from each day inside it on which
 * a status begins or ends. Statuses change only at day boundaries, so "reachable on some day of the period" is
 * "reachable in some segment". One query.
 */
export async function accessThrough(db: Kysely<DB>, first: string, last: string): Promise<AccessSegment[]> {
  const rows = await statusesOverlapping(db, first, last);
  const starts = new Set([first]);
  for (const r of rows) {
    for (const day of [r.valid_from, r.valid_to]) if (day !== null && day > first && day <= last) starts.add(day);
  }
  return [...starts].sort().map((from) => ({ from, access: new AccessOnDate(rows.filter((r) => r.valid_from <= from && (r.valid_to === null || r.valid_to > from))) }));
}

/** The access status of many places on a date, by place id (absent: no status recorded for any of its areas). One query. */
export async function accessStatusOf(db: Kysely<DB>, places: readonly Placed[], at: string): Promise<Map<string, AccessStatus>> {
  const access = await accessOn(db, at);
  const out = new Map<string, AccessStatus>();
  for (const p of places) {
    const a = access.of(p.area_path);
    if (a !== null) out.set(p.id, a);
  }
  return out;
}

/** "Kalanchatska hromada (Kherson Oblast) is temporarily occupied since 2022-03-01: the Ministry cannot deliver there." */
export function accessSentence(a: AccessStatus): string {
  const tail = a.reachable ? (a.status === 'active_hostilities' ? ': deliveries there are at risk' : '') : ': the Ministry cannot deliver there';
  return `${a.areaName} is ${WORDS[a.status]} since ${a.since}${tail}.`;
}

/** The 409 for a destination the Ministry cannot reach, naming the area (and the place, when named). */
export function unreachableError(a: AccessStatus, placeName?: string): AppError {
  return new AppError('conflict', `${placeName === undefined ? '' : `${placeName}: `}${accessSentence(a)}`);
}

/**
 * Refuses (409, naming the area) a destination in a temporarily occupied area on the date; otherwise answers its
 * status (active hostilities is the caller's to flag) or null when none is recorded.
 */
export async function assertReachable(db: Kysely<DB>, place: { area_path: string; name?: string }, at: string): Promise<AccessStatus | null> {
  const access = (await accessOn(db, at)).of(place.area_path);
  if (access !== null && !access.reachable) throw unreachableError(access, place.name);
  return access;
}

export const presentPeriod = (r: AreaStatusRow): AreaStatusPeriod => ({
  id: r.id,
  areaKatottg: r.area_katottg,
  areaLevel: r.level,
  areaNameUk: r.name_uk,
  areaNameEn: r.name_en,
  status: r.status as AccessStatusCode,
  since: r.valid_from,
  until: r.valid_to,
});

/** Status periods: all of them, those of an area and the areas inside it, those in force on a date, of one status. */
export async function listAreaStatusRows(database: Database, query: AreaStatusListFilters, page: PageRequest): Promise<AreaStatusRow[]> {
  const filter: { areaPath?: string; date?: string; status?: string } = {};
  if (query.area !== undefined) filter.areaPath = (await resolveArea(database.db, query.area, '/query/area')).path;
  if (query.asOf !== undefined) filter.date = query.asOf;
  if (query.status !== undefined) filter.status = query.status;
  return listAreaStatuses(database.db, filter, page.after?.id, page.limit);
}
