import { invalid, type FieldError } from '../../errors.js';
import type { FormChoice, FormQuestion, SurveyForm } from '../../io/xlsform.js';
import { SERVICE_CODES, type ServiceCode } from '../facilities/facilities.schema.js';
import { ACCESSIBILITIES, BUILDING_CONDITIONS, COLD_CHAIN_STATES, FUNCTIONALITIES, FUNCTIONALITY_REASONS, POWER_SOURCES, SERVICE_REASONS, SERVICE_STATUSES, WATER_STATES } from './status.schema.js';

/** Report fields a file column can carry (the facility by national code or by id), as the API names them. */
export const MAPPABLE_FIELDS = [
  'facilityCode', 'facilityId', 'observedAt', 'buildingCondition', 'buildingCause', 'functionality', 'functionalityReasons',
  'accessibility', 'accessibilityBarriers', 'powerSource', 'outageHours7d', 'backupKw', 'fuelLitres', 'water', 'coldChain',
  'rehabBeds', 'therapists', 'psychologists', 'psychiatrists',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];
const REQUIRED: readonly MappableField[] = ['observedAt', 'buildingCondition', 'functionality', 'accessibility', 'powerSource'];
const snake = (s: string): string => s.replace(/[A-Z0-9]+/g, (m) => `_${m.toLowerCase()}`);

/** Fields that take several choices: their select_multiple may come as one cell or as split 0/1 columns. */
export const MULTI_FIELDS: ReadonlySet<string> = new Set(['functionalityReasons', 'accessibilityBarriers', 'serviceReasons']);

/** Our values per coded field: a recoding's targets are checked against them. */
const OUR_VALUES: Readonly<Record<string, readonly string[]>> = {
  buildingCondition: BUILDING_CONDITIONS, functionality: FUNCTIONALITIES, functionalityReasons: FUNCTIONALITY_REASONS,
  accessibility: ACCESSIBILITIES, powerSource: POWER_SOURCES, water: WATER_STATES, coldChain: COLD_CHAIN_STATES,
  services: SERVICE_STATUSES, serviceReasons: SERVICE_REASONS,
};

/** Submission metadata columns as KoBoToolbox and ODK Central write them, first found wins. */
export const META_COLUMNS = {
  /** The submission's UUID: the report's idempotency key. */
  key: ['_uuid', 'KEY', 'meta/instanceID', 'instanceID'],
  /** When the server received it: the visit time when the form asks none. */
  submittedAt: ['_submission_time', 'SubmissionDate'],
  /** KoBo's number for the submission, named in row errors so it can be found in KoBo. */
  submissionNumber: ['_id'],
} as const;

/**
 * The default mapping: a KoBo/ODK form exported with "XML values and headers", one row per facility visit,
 * choice names as values, one column per service code (`service_surgery`) and optionally its reasons
 * (`service_surgery_reasons`). A column named without a group also finds `group/column` in the file.
 */
export const DEFAULT_MAPPING: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f, snake(f)])),
  observedAt: 'visit_date',
  ...Object.fromEntries(SERVICE_CODES.map((c) => [`services.${c}`, `service_${c}`])),
  ...Object.fromEntries(SERVICE_CODES.map((c) => [`serviceReasons.${c}`, `service_${c}_reasons`])),
});

/** One mapped column: the file's header as given, and how its choice names become our values. */
export interface MappingEntry {
  column: string;
  values?: Record<string, string>;
}

/** A column resolved against one file: its header as the file spells it, split 0/1 columns, the form's question. */
export interface ResolvedColumn {
  header?: string;
  split: { choice: string; header: string }[];
  values?: Record<string, string>;
  question?: FormQuestion;
  /** The choices of the form's select question: a cell may hold a choice's name or any of its labels. */
  choices?: FormChoice[];
  /** select_multiple: a cell's choices are separated by spaces only (labels are matched whole). */
  multiple: boolean;
}

/** Which column carries what, resolved against one file's header. */
export interface ColumnMapping {
  field: Partial<Record<MappableField, ResolvedColumn>>;
  status: Partial<Record<ServiceCode, ResolvedColumn>>;
  reasons: Partial<Record<ServiceCode, ResolvedColumn>>;
  meta: Partial<Record<keyof typeof META_COLUMNS, string>>;
}

/** The header a column is named by in errors: the file's own spelling, or the first split column. */
export const headerOf = (c: ResolvedColumn | undefined): string | undefined => c?.header ?? c?.split[0]?.header;

const groupOf = (key: string): string => key.split('.')[0] ?? key;

function entryProblems(key: string, value: unknown): FieldError[] {
  const [group = '', code] = key.split('.');
  if (code !== undefined && (group === 'services' || group === 'serviceReasons')) {
    if (!(SERVICE_CODES as readonly string[]).includes(code)) return [{ path: `/mapping/${key}`, message: `"${code}" is not a service code; valid service codes: ${SERVICE_CODES.join(', ')}` }];
  } else if (!(key in DEFAULT_MAPPING)) {
    return [{ path: `/mapping/${key}`, message: `not a report field; our fields: ${MAPPABLE_FIELDS.join(', ')}, services.<service code>, serviceReasons.<service code>` }];
  }
  if (value === null || (typeof value === 'string' && value.trim() !== '')) return [];
  if (typeof value !== 'object' || Array.isArray(value)) return [{ path: `/mapping/${key}`, message: 'must be a column header (text), {"column": header, "values": {their choice: our value}} or null' }];
  const { column, values, ...rest } = value as Record<string, unknown>;
  const problems: FieldError[] = Object.keys(rest).map((k) => ({ path: `/mapping/${key}/${k}`, message: 'unknown; expected "column" and "values"' }));
  if (typeof column !== 'string' || column.trim() === '') problems.push({ path: `/mapping/${key}/column`, message: 'must be the column header (text)' });
  if (values === undefined) return problems;
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return [...problems, { path: `/mapping/${key}/values`, message: 'must be an object: their choice → our value' }];
  const ours = OUR_VALUES[groupOf(key)];
  for (const [theirs, our] of Object.entries(values as Record<string, unknown>)) {
    if (typeof our !== 'string') problems.push({ path: `/mapping/${key}/values/${theirs}`, message: 'must be text' });
    else if (ours !== undefined && !ours.includes(our)) problems.push({ path: `/mapping/${key}/values/${theirs}`, message: `"${our}" is not one of our values for ${groupOf(key)}: ${ours.join(', ')}` });
  }
  return problems;
}

/**
 * Checks a caller's mapping (merged over the default; `null` drops a default) before the file is read. A value is
 * a header, or `{"column": header, "values": {their choice: our value}}`. Every problem is named by its JSON
 * pointer and lists what would be valid.
 */
export function mappingOf(custom: unknown): Record<string, MappingEntry> {
  const merged: Record<string, MappingEntry | null> = Object.fromEntries(Object.entries(DEFAULT_MAPPING).map(([k, column]) => [k, { column }]));
  if (custom === undefined) return merged as Record<string, MappingEntry>;
  if (custom === null || typeof custom !== 'object' || Array.isArray(custom)) throw invalid([{ path: '/mapping', message: 'must be a JSON object: our field → the column header in the file' }]);
  const problems: FieldError[] = [];
  for (const [key, value] of Object.entries(custom as Record<string, unknown>)) {
    const found = entryProblems(key, value);
    problems.push(...found);
    if (found.length > 0) continue;
    if (value === null) merged[key] = null;
    else if (typeof value === 'string') merged[key] = { column: value.trim() };
    else {
      const { column, values } = value as { column: string; values?: Record<string, string> };
      merged[key] = { column: column.trim(), ...(values === undefined ? {} : { values }) };
    }
  }
  if (problems.length > 0) throw invalid(problems);
  return Object.fromEntries(Object.entries(merged).filter((e): e is [string, MappingEntry] => e[1] !== null));
}

const norm = (h: string): string => h.trim().toLowerCase().replace(/-/g, '/');
const lastSegment = (h: string): string => h.slice(h.lastIndexOf('/') + 1);

/** The form's question a mapped column names: by group path, by name alone, or by one of its labels. */
function questionFor(form: SurveyForm | undefined, column: string): FormQuestion | undefined {
  if (form === undefined) return undefined;
  const n = norm(column);
  const byPath = form.questions.filter((q) => norm(q.path) === n);
  const byName = byPath.length > 0 ? byPath : form.questions.filter((q) => norm(q.name) === n);
  const found = byName.length > 0 ? byName : form.questions.filter((q) => q.labels.some((l) => norm(l) === n));
  return found.length === 1 ? found[0] : undefined;
}

/**
 * With the form, every explicitly mapped column must be one of its questions and every recoded choice one of the
 * question's choices; the errors list the valid ones. Checked before the export is read.
 */
export function checkMappingAgainstForm(mapping: Record<string, MappingEntry>, explicit: ReadonlySet<string>, form: SurveyForm): void {
  const problems: FieldError[] = [];
  for (const key of explicit) {
    const entry = mapping[key];
    if (entry === undefined) continue;
    const question = questionFor(form, entry.column);
    if (question === undefined) {
      problems.push({ path: `/mapping/${key}`, message: `"${entry.column}" is not a question of the form (survey sheet); its questions: ${form.questions.map((q) => q.path).join(', ')}` });
      continue;
    }
    const choices = question.list === undefined ? undefined : form.choices.get(question.list);
    for (const theirs of Object.keys(entry.values ?? {})) {
      if (choices !== undefined && !choices.some((c) => c.name === theirs)) {
        problems.push({ path: `/mapping/${key}/values/${theirs}`, message: `"${theirs}" is not a choice of list "${question.list ?? ''}" (choices sheet): ${choices.map((c) => c.name).join(', ')}` });
      }
    }
  }
  if (problems.length > 0) throw invalid(problems);
}

/**
 * Resolves the mapping against the file's header (as the file spells it). Headers match without regard to case;
 * `group/question`, ODK Central's `group-question` and a bare `question` find each other, as does a question's label
 * (with the form). A select_multiple may come as split 0/1 columns `question/choice`. A column the caller named that
 * the file lacks is an error; default columns the file lacks are simply not reported.
 */
export function resolveColumns(mapping: Record<string, MappingEntry>, explicit: ReadonlySet<string>, header: readonly string[], form?: SurveyForm): { columns: ColumnMapping; problems: { column: string; message: string }[] } {
  const byNorm = new Map<string, string[]>();
  for (const h of header) byNorm.set(norm(h), [...(byNorm.get(norm(h)) ?? []), h]);
  const find = (column: string): string[] => {
    const exact = byNorm.get(norm(column)) ?? [];
    if (exact.length > 0 || column.includes('/')) return exact;
    // Not a split 0/1 column (`question/choice` beside its `question`): a choice named like a field is no field.
    return header.filter((h) => lastSegment(norm(h)) === norm(column) && !byNorm.has(norm(h).slice(0, norm(h).lastIndexOf('/'))));
  };
  const columns: ColumnMapping = { field: {}, status: {}, reasons: {}, meta: {} };
  const problems: { column: string; message: string }[] = [];
  for (const [meta, names] of Object.entries(META_COLUMNS) as [keyof typeof META_COLUMNS, readonly string[]][]) {
    const found = names.map((n) => byNorm.get(norm(n))?.[0]).find((h) => h !== undefined);
    if (found !== undefined) columns.meta[meta] = found;
  }
  for (const [key, entry] of Object.entries(mapping)) {
    const question = questionFor(form, entry.column);
    const multiple = MULTI_FIELDS.has(groupOf(key)) && (form === undefined || question?.kind === 'select_multiple');
    let found = find(entry.column);
    if (found.length === 0 && question !== undefined) found = [question.path, question.name, ...question.labels].flatMap(find).filter((h, i, all) => all.indexOf(h) === i);
    if (found.length > 1) {
      problems.push({ column: entry.column, message: `mapped to ${key}, but several columns match: ${found.join(', ')}; name the one meant with its group path` });
      continue;
    }
    const base = found[0] ?? (question === undefined ? entry.column : question.path);
    const choiceNames = question?.list === undefined ? undefined : form?.choices.get(question.list)?.map((c) => c.name);
    const split = !multiple ? [] : header.flatMap((h) => {
      const cut = h.lastIndexOf('/');
      if (cut < 0) return [];
      const prefix = h.slice(0, cut);
      const choice = h.slice(cut + 1);
      const same = norm(prefix) === norm(base) || (!base.includes('/') && lastSegment(norm(prefix)) === norm(base));
      return same && (choiceNames === undefined || choiceNames.includes(choice)) ? [{ choice, header: h }] : [];
    });
    if (found.length === 0 && split.length === 0) {
      if (explicit.has(key)) problems.push({ column: entry.column, message: `mapped to ${key}, but the file has no such column${question === undefined ? '' : ` (the form's question ${question.path})`}` });
      continue;
    }
    const resolved: ResolvedColumn = { split, multiple: question?.kind === 'select_multiple', ...(found[0] === undefined ? {} : { header: found[0] }), ...(entry.values === undefined ? {} : { values: entry.values }), ...(question === undefined ? {} : { question }), ...(question?.list === undefined ? {} : { choices: form?.choices.get(question.list) ?? [] }) };
    const [group, code] = key.split('.') as [string, ServiceCode | undefined];
    if (code === undefined) columns.field[group as MappableField] = resolved;
    else columns[group === 'services' ? 'status' : 'reasons'][code] = resolved;
  }
  if (columns.field.facilityCode === undefined && columns.field.facilityId === undefined) {
    problems.push({ column: mapping.facilityCode?.column ?? 'facility_code', message: 'required column is missing: the facility, by national code (facilityCode) or id (facilityId)' });
  }
  for (const f of REQUIRED) {
    if (columns.field[f] !== undefined || (f === 'observedAt' && columns.meta.submittedAt !== undefined)) continue;
    problems.push({ column: mapping[f]?.column ?? f, message: `required column is missing (${f})` });
  }
  return { columns, problems };
}
