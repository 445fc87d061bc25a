import type { AllocationProblem, ValidationIssue } from './allocation.types.js';

type Json = Record<string, unknown>;
type FieldCheck = (v: unknown) => string | null;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (min: number, max = Infinity, label = `a number ≥ ${min}`): FieldCheck => (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? null : `must be ${label}`;
const lat = num(-90, 90, 'a latitude between -90 and 90');
const lon = num(-180, 180, 'a longitude between -180 and 180');
const id: FieldCheck = (v) => (typeof v === 'string' && v.trim() !== '' ? null : 'must be a non-empty string');

const positive: FieldCheck = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? null : 'must be a number > 0');
const GENERATOR: Record<string, FieldCheck> = { id, ratingKw: positive, lat, lon };
const FACILITY: Record<string, FieldCheck> = {
  id, criticalLoadKw: num(0), backupKw: num(0), weight: num(0), lat, lon,
};
/** Optional informational fields that the solver ignores. */
const FACILITY_OPTIONAL: Record<string, FieldCheck> = { type: (v) => (typeof v === 'string' ? null : 'must be a string') };
const PARAMS: Record<string, FieldCheck> = {
  minLoadRatio: num(0, 1, 'a number between 0 and 1'),
  maxGeneratorsPerFacility: (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1000 ? null : 'must be an integer between 1 and 1000'),
  maxDistanceKm: num(0),
  costPerKm: num(0),
};

function checkRecord(
  value: unknown, path: string, required: Record<string, FieldCheck>, optional: Record<string, FieldCheck>, issues: ValidationIssue[],
): void {
  if (!isObject(value)) { issues.push({ path, message: 'must be an object' }); return; }
  for (const [key, check] of Object.entries(required)) {
    if (!(key in value)) { issues.push({ path: `${path}.${key}`, message: 'is required' }); continue; }
    const msg = check(value[key]);
    if (msg) issues.push({ path: `${path}.${key}`, message: msg });
  }
  for (const key of Object.keys(value)) {
    if (key in required) continue;
    const check = optional[key];
    if (!check) { issues.push({ path: `${path}.${key}`, message: 'is not a known field' }); continue; }
    const msg = check(value[key]);
    if (msg) issues.push({ path: `${path}.${key}`, message: msg });
  }
}

function checkList(
  root: Json, key: 'generators' | 'facilities', fields: Record<string, FieldCheck>, optional: Record<string, FieldCheck>, issues: ValidationIssue[],
): void {
  const list = root[key];
  if (!Array.isArray(list)) { issues.push({ path: key, message: key in root ? 'must be an array' : 'is required' }); return; }
  const seen = new Map<string, number>();
  list.forEach((item: unknown, i) => {
    // Name the item by its id too, so a user can find it in a file of thousands.
    const itemId = isObject(item) && typeof item.id === 'string' ? ` (id ${JSON.stringify(item.id)})` : '';
    const path = `${key}[${i}]${itemId}`;
    checkRecord(item, path, fields, optional, issues);
    if (isObject(item) && typeof item.id === 'string') {
      const first = seen.get(item.id);
      if (first !== undefined) issues.push({ path: `${path}.id`, message: `duplicates the id of ${key}[${first}]` });
      else seen.set(item.id, i);
    }
  });
}

/** Checks untrusted JSON against DESIGN §6's input format; returns every problem found (empty = valid). */
export function validateProblem(input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isObject(input)) return [{ path: '', message: 'must be a JSON object with generators, facilities and params' }];
  for (const key of Object.keys(input)) {
    if (key !== 'generators' && key !== 'facilities' && key !== 'params') issues.push({ path: key, message: 'is not a known field' });
  }
  checkList(input, 'generators', GENERATOR, {}, issues);
  checkList(input, 'facilities', FACILITY, FACILITY_OPTIONAL, issues);
  if (!('params' in input)) issues.push({ path: 'params', message: 'is required' });
  else checkRecord(input.params, 'params', PARAMS, {}, issues);
  return issues;
}

/** Thrown by parseProblem with every issue found. */
export class ProblemValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`invalid allocation problem: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'ProblemValidationError';
  }
}

/** Validates and narrows untrusted JSON to an AllocationProblem, or throws ProblemValidationError. */
export function parseProblem(input: unknown): AllocationProblem {
  const issues = validateProblem(input);
  if (issues.length > 0) throw new ProblemValidationError(issues);
  return input as AllocationProblem;
}
