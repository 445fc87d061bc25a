import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { parseDecimal } from '../../engine/fx/decimal.js';
import { isRealDate } from '../../dates.js';
import type { FieldError } from '../../errors.js';
import { codeProblem, loadCodelist } from '../../io/iati/codelists.js';
import { missingFacilityIds } from '../facilities/facilities.service.js';
import { areasByCode } from '../geography/geography.service.js';
import { organizationExists } from '../organizations/organizations.service.js';
import { isKnownCurrency } from './fx.service.js';
import { PHASES, type Project } from './projects.schema.js';

/** The project's fields as stored after a create or an update: what every rule below checks. */
export type ProjectFields = Pick<Project, 'reportingOrgId' | 'title' | 'description' | 'status' | 'startDate' | 'endDate' | 'humanitarian' | 'participants' | 'sectors' | 'locations' | 'budgets' | 'results' | 'reconstruction'>;

/** The codelist a sector vocabulary's codes are checked against: 1 DAC 5-digit, 2 DAC 3-digit; other vocabularies are kept as given. */
const SECTOR_LISTS: Record<string, string> = { '1': 'Sector', '2': 'SectorCategory' };

/** Sector codes not on their codelist; a withdrawn code too, unless `imported` (a file published while it was current: the importer warns). */
export function sectorCodeProblems(sectors: ProjectFields['sectors'], codelistsDir: string, imported = false): FieldError[] {
  const errors: FieldError[] = [];
  sectors.forEach((s, i) => {
    const list = SECTOR_LISTS[s.vocabulary] === undefined ? undefined : loadCodelist(codelistsDir, SECTOR_LISTS[s.vocabulary] ?? '');
    const problem = list === undefined || (imported && list.codes.get(s.code) === 'withdrawn') ? undefined : codeProblem(list, s.code);
    if (problem !== undefined) errors.push({ path: `/sectors/${i}/code`, message: problem });
  });
  return errors;
}

/**
 * Sector percentages per vocabulary must sum to 100 (IATI's rule, not its
 * schema: an import reports it as a warning); compared in hundredths so
 * 33.33 + 33.33 + 33.34 is exact. A single sector without a percentage is 100.
 */
export function sectorSumProblems(sectors: ProjectFields['sectors']): FieldError[] {
  const sums = new Map<string, number>();
  for (const s of sectors) sums.set(s.vocabulary, (sums.get(s.vocabulary) ?? 0) + Math.round((s.percentage ?? (sectors.filter((x) => x.vocabulary === s.vocabulary).length === 1 ? 100 : 0)) * 100));
  return [...sums]
    .filter(([, hundredths]) => hundredths !== 10000)
    .map(([vocabulary, hundredths]) => ({ path: '/sectors', message: `percentages for vocabulary ${vocabulary} sum to ${hundredths / 100}, not 100` }));
}

const ORDER = PHASES.filter((p) => p !== 'cancelled');

/**
 * Reconstruction phases (DESIGN §4) move forward only: a phase may be skipped
 * (equipment needs no design), never gone back to; any phase before
 * operational may be cancelled; operational and cancelled are final.
 */
export function phaseProblem(from: string | undefined, to: string): string | undefined {
  if (from === undefined || from === to) return undefined;
  if (from === 'operational' || from === 'cancelled') return `the project is ${from}; its phase no longer changes`;
  if (to === 'cancelled') return undefined;
  const a = ORDER.indexOf(from as (typeof ORDER)[number]);
  const b = ORDER.indexOf(to as (typeof ORDER)[number]);
  return b < a ? `cannot go back from ${from} to ${to}; phases move forward (${ORDER.join(' → ')})` : undefined;
}

function reconstructionProblems(r: ProjectFields['reconstruction'], before: ProjectFields['reconstruction'] | undefined): FieldError[] {
  if (r === null) return before !== undefined && before !== null ? [{ path: '/reconstruction', message: 'a reconstruction project stays one; cancel it with phase "cancelled"' }] : [];
  const errors: FieldError[] = [];
  const problem = phaseProblem(before?.phase, r.phase);
  if (problem !== undefined) errors.push({ path: '/reconstruction/phase', message: problem });
  if (r.phase === 'operational' && r.percentComplete !== 100) errors.push({ path: '/reconstruction/percentComplete', message: 'an operational facility is 100 % complete' });
  r.milestones.forEach((m, i) => {
    if (!isRealDate(m.due)) errors.push({ path: `/reconstruction/milestones/${i}/due`, message: `"${m.due}" is not a date` });
  });
  return errors;
}

function moneyProblems(fields: ProjectFields, imported: boolean): FieldError[] {
  const errors: FieldError[] = [];
  fields.budgets.forEach((b, i) => {
    if (!imported && b.periodEnd < b.periodStart) errors.push({ path: `/budgets/${i}/periodEnd`, message: 'ends before it starts' });
    if (!imported && parseDecimal(b.amount) < 0n) errors.push({ path: `/budgets/${i}/amount`, message: 'must not be negative' });
    if (!isKnownCurrency(b.currency)) errors.push({ path: `/budgets/${i}/currency`, message: `"${b.currency}" is not an ISO 4217 currency code` });
  });
  fields.results.forEach((r, i) =>
    r.indicators.forEach((ind, j) =>
      ind.periods.forEach((p, k) => {
        if (!imported && p.periodEnd < p.periodStart) errors.push({ path: `/results/${i}/indicators/${j}/periods/${k}/periodEnd`, message: 'ends before it starts' });
      }),
    ),
  );
  return errors;
}

/**
 * Every rule a project must meet, checked before anything is written; `before`
 * is the stored project when this is an update (phase transitions need it).
 */
export async function projectProblems(db: Kysely<DB>, fields: ProjectFields, codelistsDir: string, before?: ProjectFields, options: { imported?: boolean } = {}): Promise<FieldError[]> {
  // An import refuses only what IATI's schema and codelists refuse; IATI's rules (sums, dates in order, signs) are its warnings.
  const imported = options.imported === true;
  const errors = sectorCodeProblems(fields.sectors, codelistsDir, imported);
  if (!imported) errors.push(...sectorSumProblems(fields.sectors));
  for (const [path, date] of [['/startDate', fields.startDate], ['/endDate', fields.endDate]] as const) {
    if (date !== null && !isRealDate(date)) errors.push({ path, message: `"${date}" is not a date` });
  }
  if (!imported && fields.endDate !== null && fields.endDate < fields.startDate) errors.push({ path: '/endDate', message: `ends (${fields.endDate}) before it starts (${fields.startDate})` });
  if (!(await organizationExists(db, fields.reportingOrgId))) errors.push({ path: '/reportingOrgId', message: `no organisation with id "${fields.reportingOrgId}"` });
  for (const [i, p] of fields.participants.entries()) {
    if (!(await organizationExists(db, p.organizationId))) errors.push({ path: `/participants/${i}/organizationId`, message: `no organisation with id "${p.organizationId}"` });
  }
  const known = await areasByCode(db, fields.locations.areas);
  fields.locations.areas.forEach((a, i) => {
    if (!known.has(a)) errors.push({ path: `/locations/areas/${i}`, message: `no area with code "${a}"` });
  });
  const missing = new Set(await missingFacilityIds(db, fields.locations.facilities));
  fields.locations.facilities.forEach((f, i) => {
    if (missing.has(f)) errors.push({ path: `/locations/facilities/${i}`, message: `no facility with id "${f}"` });
  });
  errors.push(...moneyProblems(fields, imported), ...reconstructionProblems(fields.reconstruction, before?.reconstruction));
  return errors;
}
