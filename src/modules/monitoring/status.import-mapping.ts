import { invalid, type FieldError } from '../../errors.js';
import { SERVICE_CODES, type ServiceCode } from '../facilities/facilities.schema.js';

/** Report fields a file column can carry (the facility by national code or by id), as the API names them. */
export const MAPPABLE_FIELDS = [
  'facilityCode', 'facilityId', 'observedAt', 'buildingCondition', 'buildingCause', 'functionality', 'functionalityReasons',
  'accessibility', 'accessibilityBarriers', 'powerSource', 'outageHours7d', 'backupKw', 'fuelLitres', 'water', 'coldChain',
  'rehabBeds', 'therapists', 'psychologists', 'psychiatrists',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];
const REQUIRED: readonly MappableField[] = ['observedAt', 'buildingCondition', 'functionality', 'accessibility', 'powerSource'];
const snake = (s: string): string => s.replace(/[A-Z0-9]+/g, (m) => `_${m.toLowerCase()}`);

/**
 * The default mapping: a KoBo/ODK form exported with "XML values and headers" and without group names, one row
 * per facility visit, choice names as values (select_multiple space-separated), one column per service code
 * (`service_surgery`) and optionally its reasons (`service_surgery_reasons`). Keys: our field, or
 * `services.<code>` / `serviceReasons.<code>`; values: the file's column header.
 */
export const DEFAULT_MAPPING: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f, snake(f)])),
  observedAt: 'visit_date',
  ...Object.fromEntries(SERVICE_CODES.map((c) => [`services.${c}`, `service_${c}`])),
  ...Object.fromEntries(SERVICE_CODES.map((c) => [`serviceReasons.${c}`, `service_${c}_reasons`])),
});

/** Which column carries what, resolved against one file's header. */
export interface ColumnMapping {
  /** Our field → the file's (lower-cased) header, only for columns present in the file. */
  field: Partial<Record<MappableField, string>>;
  status: Partial<Record<ServiceCode, string>>;
  reasons: Partial<Record<ServiceCode, string>>;
}

/**
 * Checks a caller's mapping (merged over the default; `null` drops a default) before the file is read:
 * unknown keys and non-text headers are named by their JSON pointer.
 */
export function mappingOf(custom: unknown): Record<string, string> {
  if (custom === undefined) return { ...DEFAULT_MAPPING };
  if (custom === null || typeof custom !== 'object' || Array.isArray(custom)) throw invalid([{ path: '/mapping', message: 'must be a JSON object: our field → the column header in the file' }]);
  const merged: Record<string, string | null> = { ...DEFAULT_MAPPING };
  const problems: FieldError[] = [];
  for (const [key, header] of Object.entries(custom as Record<string, unknown>)) {
    if (!(key in DEFAULT_MAPPING)) problems.push({ path: `/mapping/${key}`, message: `not a report field; expected one of ${MAPPABLE_FIELDS.join(', ')}, services.<code> or serviceReasons.<code>` });
    else if (header !== null && (typeof header !== 'string' || header.trim() === '')) problems.push({ path: `/mapping/${key}`, message: 'must be a column header (text) or null' });
    else merged[key] = header === null ? null : header.trim().toLowerCase();
  }
  if (problems.length > 0) throw invalid(problems);
  return Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== null));
}

/**
 * Resolves the mapping against the file's header. A column the caller named that the file lacks is an error;
 * default columns the file lacks are simply not reported (survey exports differ in what they ask).
 */
export function resolveColumns(mapping: Record<string, string>, explicit: ReadonlySet<string>, header: readonly string[]): { columns: ColumnMapping; problems: { column: string; message: string }[] } {
  const present = new Set(header);
  const columns: ColumnMapping = { field: {}, status: {}, reasons: {} };
  const problems: { column: string; message: string }[] = [];
  for (const [key, column] of Object.entries(mapping)) {
    if (!present.has(column)) {
      if (explicit.has(key)) problems.push({ column, message: `mapped to ${key}, but the file has no such column` });
      continue;
    }
    const [group, code] = key.split('.') as [string, ServiceCode | undefined];
    if (code === undefined) columns.field[group as MappableField] = column;
    else columns[group === 'services' ? 'status' : 'reasons'][code] = column;
  }
  if (columns.field.facilityCode === undefined && columns.field.facilityId === undefined) {
    problems.push({ column: mapping.facilityCode ?? 'facility_code', message: 'required column is missing: the facility, by national code (facilityCode) or id (facilityId)' });
  }
  for (const f of REQUIRED) if (columns.field[f] === undefined) problems.push({ column: mapping[f] ?? f, message: `required column is missing (${f})` });
  return { columns, problems };
}
