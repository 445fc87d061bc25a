import type { ErrorObject } from 'ajv';
import { compiledOnFirstUse } from '../../ajv.js';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { isRealDate } from '../../dates.js';
import { AppError, type FieldError, type RowError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { IatiDocumentError, readIatiActivities, type ParsedActivity } from '../../io/iati/activity-parse.js';
import type { IatiActivity, IatiOrg } from '../../io/iati/activity-xml.js';
import { codeProblem, loadCodelist } from '../../io/iati/codelists.js';
import { inPlace, type ImportRun } from '../../io/import-run.js';
import { appendAudit, type AuditEntry } from '../audit/audit.service.js';
import type { OrganizationRow } from '../organizations/organizations.tables.js';
import { ORGANIZATION_TYPES, type OrganizationCreate } from '../organizations/organizations.schema.js';
import { listOrganizationPage, newOrganizationRow, storeNewOrganizations } from '../organizations/organizations.service.js';
import { OUR_ORG_TYPE, OUR_ROLE } from './projects.iati-codes.js';
import { undoneUnlessKept } from './projects.import.repository.js';
import { insertProject, takenIdentifiers } from './projects.repository.js';
import { type IatiImportResult as IatiImportResultSchema, ProjectCreate } from './projects.schema.js';
import { DECIMAL_PATTERN } from '../../engine/fx/decimal.js';
import { Type, type Static } from '@sinclair/typebox';
import { assertMayWriteProject, fieldsOf, newProjectRow, participantRowsOf } from './projects.service.js';
import { projectProblems, sectorSumProblems } from './projects.validation.js';
import { recordTransactions } from './rollups.service.js';
import { insertTransactions, type TransactionRow } from './transactions.repository.js';
import { isKnownCurrency } from './fx.service.js';

/** What the import answers: the type of the schema its route declares, so the two cannot drift. */
export type IatiImportResult = Static<typeof IatiImportResultSchema>;

export interface IatiImportOptions {
  dryRun?: boolean;
  /** Import the valid activities and report the rest, instead of all or nothing. */
  skipInvalid?: boolean;
  /** Keep only activities for this recipient country (ISO 3166-1 alpha-2), at activity or transaction level. */
  country?: string | undefined;
  /** Where it runs (a request or a command by default, or a job) and where its progress goes. */
  run?: ImportRun;
}

/** Ends a dry run's transaction (rolling it back) with what the import would have done. */
class DryRunDone extends Error {
  constructor(readonly result: IatiImportResult) {
    super('dry run');
  }
}

const MAX_LISTED_ERRORS = 1000;

// The identifier comes from the file as it is (IATI allows spaces and any prefix); the rest is checked as the API checks it.
const projectChecker = compiledOnFirstUse(Type.Omit(ProjectCreate, ['localId']));
const AMOUNT = new RegExp(DECIMAL_PATTERN);

/** JSON-pointer segments of our API shapes → the IATI element they came from, so errors name the element. */
const ELEMENT: Record<string, string> = {
  reportingOrgId: 'reporting-org', localId: 'iati-identifier', title: 'title', description: 'description', status: 'activity-status/@code',
  startDate: 'activity-date[@type=1]', endDate: 'activity-date[@type=3]', participants: 'participating-org', organizationId: '@ref', role: '@role',
  sectors: 'sector', code: '@code', percentage: '@percentage', vocabulary: '@vocabulary', locations: '', areas: 'location', facilities: 'location',
  budgets: 'budget', periodStart: 'period-start', periodEnd: 'period-end', amount: 'value', currency: 'value/@currency', valueDate: 'value/@value-date',
  results: 'result', indicators: 'indicator', periods: 'period', measure: '@measure', baseline: 'baseline', target: 'target/@value', actual: 'actual/@value',
  reconstruction: 'cb:reconstruction', phase: '@phase', percentComplete: '@percent-complete', ocid: '@ocid', milestones: 'cb:milestone', due: '@due', name: '@name',
  type: 'transaction-type/@code', en: 'narrative', uk: 'narrative[@xml:lang=uk]', ja: 'narrative[@xml:lang=ja]',
};

/** "/sectors/1/code" → "sector[2]/@code". */
export function elementOf(pointer: string, prefix = ''): string {
  const out: string[] = prefix === '' ? [] : [prefix];
  for (const seg of pointer.split('/').filter((s) => s !== '')) {
    if (/^\d+$/.test(seg)) out[out.length - 1] = `${out[out.length - 1] ?? ''}[${Number(seg) + 1}]`;
    else if (ELEMENT[seg] !== '') out.push(ELEMENT[seg] ?? seg);
  }
  return out.join('/') || 'iati-activity';
}

const ajvErrors = (errors: ErrorObject[] | null | undefined): FieldError[] =>
  (errors ?? []).map((e) => {
    const allowed = 'allowedValues' in e.params && Array.isArray(e.params.allowedValues) ? ` (${(e.params.allowedValues as unknown[]).map(String).join(', ')})` : '';
    return { path: 'additionalProperty' in e.params ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath, message: `${e.message ?? 'is not valid'}${allowed}` };
  });

/** Organisations are told apart by ref and name together: IATI files name several organisations under one ref. */
const orgKey = (o: IatiOrg) => `${o.ref ?? ''}|${o.name}`;

/** Every organisation an activity names: reporting, participating, and each transaction's provider and receiver. */
function* organizationsOf(a: IatiActivity): Generator<IatiOrg> {
  yield a.reportingOrg;
  yield* a.participants;
  for (const t of a.transactions) {
    if (t.provider !== null) yield t.provider;
    if (t.receiver !== null) yield t.receiver;
  }
}

/**
 * Resolves the file's organisations by ref and name; the rest become new rows (not yet stored), by key.
 * Our organisations hold an IATI ref once: a second organisation named under a
 * ref already held gets none of its own (its elements keep the ref as written).
 */
async function resolveOrganizations(database: Database, wanted: ReadonlyMap<string, IatiOrg>): Promise<{ idOf: (o: IatiOrg) => string; created: Map<string, OrganizationRow> }> {
  const ids = new Map<string, string>();
  const created = new Map<string, OrganizationRow>();
  const refsTaken = new Set<string>();
  const at = nowIso();
  for (const [key, o] of wanted) {
    const page = await listOrganizationPage(database, { q: o.ref ?? o.name, limit: 500 });
    // An organisation holding the ref, or one that had to go without it (the ref was held), with the same name.
    const hit = page.rows.find((r) => (r.iati_org_id === o.ref || r.iati_org_id === null) && r.name_en === o.name);
    if (o.ref !== null && page.rows.some((r) => r.iati_org_id === o.ref)) refsTaken.add(o.ref);
    if (hit !== undefined) {
      ids.set(key, hit.id);
      continue;
    }
    const type = ((ORGANIZATION_TYPES as readonly string[]).includes(o.ourType ?? '') ? o.ourType : (OUR_ORG_TYPE[o.type] ?? 'private')) as OrganizationCreate['type'];
    const ref = o.ref !== null && !refsTaken.has(o.ref) ? o.ref : null;
    if (ref !== null) refsTaken.add(ref);
    const row = newOrganizationRow({ nameEn: o.name, nameUk: o.nameUk ?? o.name, type, country: o.country ?? null, iatiOrgId: ref }, at);
    created.set(key, row);
    ids.set(key, row.id);
  }
  return { idOf: (o) => ids.get(orgKey(o)) ?? '', created };
}

type Problem = { column: string; message: string };

/**
 * Codes checked against the IATI codelists: a code not on its list is refused; a withdrawn one
 * (the file was published while it was current) is a warning.
 */
function codeProblems(a: IatiActivity, codelistsDir: string, warnings: Problem[]): Problem[] {
  const out: Problem[] = [];
  const list = (name: string) => loadCodelist(codelistsDir, name);
  const check = (column: string, code: string, listName: string) => {
    if (code === '') return;
    const codes = list(listName);
    const problem = codeProblem(codes, code);
    if (problem !== undefined) (codes.codes.get(code) === 'withdrawn' ? warnings : out).push({ column, message: problem });
  };
  a.sectors.forEach((s, i) => {
    const listName = ({ '1': 'Sector', '2': 'SectorCategory' } as Record<string, string>)[s.vocabulary];
    if (listName !== undefined) check(`sector[${i + 1}]/@code`, s.code, listName);
  });
  check('reporting-org/@type', a.reportingOrg.type, 'OrganisationType');
  check('activity-status/@code', a.status, 'ActivityStatus');
  a.participants.forEach((p, i) => {
    check(`participating-org[${i + 1}]/@type`, p.type, 'OrganisationType');
    check(`participating-org[${i + 1}]/@role`, p.role, 'OrganisationRole');
  });
  a.transactions.forEach((t, j) => {
    check(`transaction[${j + 1}]/transaction-type/@code`, t.type, 'TransactionType');
    if (t.currency !== '' && !isKnownCurrency(t.currency)) out.push({ column: `transaction[${j + 1}]/value/@currency`, message: `"${t.currency}" is not an ISO 4217 currency code` });
    if (!AMOUNT.test(t.amount)) out.push({ column: `transaction[${j + 1}]/value`, message: `"${t.amount}" is not a decimal amount we can hold (at most 18 digits before and after the point)` });
    for (const [column, date] of [[`transaction[${j + 1}]/transaction-date/@iso-date`, t.date], [`transaction[${j + 1}]/value/@value-date`, t.valueDate]] as const) {
      if (date !== '' && !isRealDate(date)) out.push({ column, message: `"${date}" is not a date` });
    }
  });
  if (a.defaultCurrency !== '' && !isKnownCurrency(a.defaultCurrency)) out.push({ column: '@default-currency', message: `"${a.defaultCurrency}" is not an ISO 4217 currency code` });
  if (a.lastUpdated !== '' && Number.isNaN(Date.parse(a.lastUpdated))) out.push({ column: '@last-updated-datetime', message: `"${a.lastUpdated}" is not a date-time` });
  return out;
}

/** What IATI's rules (not its schema) question: reported apart, never a refusal. */
function ruleWarnings(a: IatiActivity): Problem[] {
  const out: Problem[] = [];
  if (!a.identifier.startsWith(`${a.reportingOrg.ref}-`)) out.push({ column: 'iati-identifier', message: `does not start with the reporting-org ref "${a.reportingOrg.ref}-" (IATI rule 1.1.21)` });
  for (const e of sectorSumProblems(a.sectors)) out.push({ column: 'sector', message: e.message });
  if (a.endDate !== null && a.endDate < a.startDate) out.push({ column: 'activity-date', message: `ends (${a.endDate}) before it starts (${a.startDate})` });
  return out;
}

/** The part of the identifier after the reporting org's ref, or the whole identifier when it does not start with it. */
const localIdOf = (a: IatiActivity): string => (a.identifier.startsWith(`${a.reportingOrg.ref}-`) ? a.identifier.slice(a.reportingOrg.ref.length + 1) : a.identifier);

/** The activity as an API create request, so the API's own schema and rules check it. */
function requestOf(a: IatiActivity, idOf: (o: IatiOrg) => string): ProjectCreate {
  return {
    ...fieldsOf({
      reportingOrgId: idOf(a.reportingOrg), localId: localIdOf(a), title: a.title, description: a.description,
      status: a.status as ProjectCreate['status'], startDate: a.startDate, endDate: a.endDate, humanitarian: a.humanitarian,
      participants: a.participants.map((p) => ({ organizationId: idOf(p), role: (OUR_ROLE[p.role] ?? 'implementing') as ProjectCreate['participants'][number]['role'] })),
      sectors: a.sectors,
      locations: { areas: a.locations, facilities: [] }, budgets: a.budgets, results: a.results as ProjectCreate['results'], reconstruction: a.reconstruction as ProjectCreate['reconstruction'],
    }),
    localId: localIdOf(a),
  };
}

const sortedErrors = (errors: RowError[]): RowError[] => [...errors].sort((x, y) => x.row - y.row).slice(0, MAX_LISTED_ERRORS);

const importFailed = (errors: RowError[], hint = ''): AppError =>
  new AppError('import_failed', `${errors.length} problem(s) in the IATI file; nothing was imported.${hint}`, { rowErrors: sortedErrors(errors) });

/** Where the file comes from: opened once per pass (a file stream, or the request body). */
export type IatiSource = () => AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Each activity of the file in turn; a document-level problem becomes the import's refusal. */
async function* activitiesOf(source: IatiSource): AsyncGenerator<ParsedActivity> {
  try {
    yield* readIatiActivities(source());
  } catch (e) {
    if (e instanceof IatiDocumentError) throw importFailed([e.problem]);
    throw e;
  }
}

// Audit events are appended per batch of activities, so a national file never holds all of them at once.
const AUDIT_BATCH = 200;

interface FirstPass {
  identifiers: Map<string, number>;
  organizations: Map<string, IatiOrg>;
  /** Rows of the activities refused so far (or for another country): never written. */
  leftOut: Set<number>;
  /** Rows the second pass does not check: for another recipient country, or with structure the schema refuses (their fields are not known). */
  unchecked: Set<number>;
  /** Rows of the activities for another recipient country. */
  otherCountry: number;
  /** Element paths already refused, by row: the second pass does not report them again (e.g. a sector code off its codelist). */
  refusedAt: Map<number, Set<string>>;
}

/** Adds the problems to the import's errors, each once per activity and element path. */
function report(pass: FirstPass, rowErrors: RowError[], problems: RowError[]): void {
  for (const p of problems) {
    const columns = pass.refusedAt.get(p.row) ?? new Set<string>();
    if (columns.has(p.column)) continue;
    columns.add(p.column);
    pass.refusedAt.set(p.row, columns);
    rowErrors.push(p);
    pass.leftOut.add(p.row);
  }
}

/** The first pass: everything that can be checked without the database's organisations, and what the second pass needs. */
async function firstPass(source: IatiSource, codelistsDir: string, country: string | undefined, rowErrors: RowError[], warnings: RowError[]): Promise<FirstPass> {
  const out: FirstPass = { identifiers: new Map(), organizations: new Map(), leftOut: new Set(), unchecked: new Set(), otherCountry: 0, refusedAt: new Map() };
  for await (const { row, activity: a, errors, warnings: readWarnings, countries } of activitiesOf(source)) {
    if (country !== undefined && !countries.includes(country)) {
      out.leftOut.add(row);
      out.unchecked.add(row);
      out.otherCountry += 1;
      continue;
    }
    const mine = [...errors];
    const add = (column: string, message: string) => mine.push({ row, column, message: `activity ${a.identifier}: ${message}` });
    const first = out.identifiers.get(a.identifier);
    if (first !== undefined) add('iati-identifier', `repeats activity ${first}`);
    else out.identifiers.set(a.identifier, row);
    const questioned = ruleWarnings(a);
    for (const p of codeProblems(a, codelistsDir, questioned)) add(p.column, p.message);
    warnings.push(...readWarnings, ...questioned.map((w) => ({ row, column: w.column, message: `activity ${a.identifier}: ${w.message}` })));
    report(out, rowErrors, mine);
    if (errors.length > 0) out.unchecked.add(row);
    else for (const o of organizationsOf(a)) if (!out.organizations.has(orgKey(o))) out.organizations.set(orgKey(o), o);
  }
  return out;
}

/**
 * Imports IATI 2.01–2.03 activities, streamed in two passes over the file so
 * that memory stays that of one activity whatever the file's size. The first
 * pass checks structure (what the schema requires) and codes (the codelists);
 * the second, in one transaction, checks each activity against the API's
 * schema and project rules and writes it with its transactions, its source
 * (what our model does not hold, kept for the export), new organisations and
 * audit events. Both passes always run, so one answer (dry run or not) lists
 * every problem of the file: a code refused in one activity does not hide an
 * unknown area in another. An activity whose structure the schema refuses is
 * not checked further (its fields are not known). By default any refused
 * activity rolls all of it back; with skipInvalid the valid activities are
 * written and the rest reported, nothing of theirs kept (not even the new
 * organisations only they name). Errors name the activity (row = its
 * position) and element; warnings (IATI's rules that its schema does not
 * enforce) are reported apart and refuse nothing.
 */
export async function importIati(database: Database, ctx: CallContext, source: IatiSource, codelistsDir: string, options: IatiImportOptions = {}): Promise<IatiImportResult> {
  const dryRun = options.dryRun ?? false;
  const run = options.run ?? inPlace(database);
  const skipInvalid = options.skipInvalid ?? false;
  const rowErrors: RowError[] = [];
  const warnings: RowError[] = [];
  const pass = await firstPass(source, codelistsDir, options.country, rowErrors, warnings);
  const taken = await takenIdentifiers(database.db, [...pass.identifiers.keys()]);
  report(pass, rowErrors, [...taken].map((identifier) => ({ row: pass.identifiers.get(identifier) ?? 0, column: 'iati-identifier', message: `activity ${identifier}: is already stored; nothing is overwritten` })));
  // Without skipInvalid one problem anywhere means nothing is written: counts say so, a dry run's too.
  const writes = () => skipInvalid || rowErrors.length === 0;
  const outcome = (activities: number, transactions: number, organizationsCreated: number): IatiImportResult => ({
    dryRun, ...(writes() ? { activities, transactions, organizationsCreated } : { activities: 0, transactions: 0, organizationsCreated: 0 }), skipped: pass.leftOut.size,
    errorCount: rowErrors.length, errors: sortedErrors(rowErrors), warningCount: warnings.length, warnings: sortedErrors(warnings),
  });
  const hint = ' Add --skip-invalid (API: ?skipInvalid=true) to import the valid activities and report the rest.';
  const { idOf, created } = await resolveOrganizations(database, pass.organizations);
  // Each new organisation is stored with the first activity checked that names it (and, with skipInvalid, undone with it when it is refused).
  const stored = new Set<string>();
  // A dry run goes through the same writes, so the same rules see the same rows, and is rolled back at the end.
  return run.write(async (trx) => {
    let activities = 0;
    let transactions = 0;
    let audit: AuditEntry[] = [];
    const written: TransactionRow[] = [];
    /** Checks the activity (its new organisations stored first, since the project rules look organisations up) and writes it when it may be; true when it was written. */
    const checkAndWrite = async (row: number, a: IatiActivity): Promise<boolean> => {
      const mine: RowError[] = [];
      const add = (column: string, message: string) => mine.push({ row, column, message: `activity ${a.identifier}: ${message}` });
      const fresh = [...new Set([...organizationsOf(a)].map(orgKey))].flatMap((k) => {
        const org = created.get(k);
        return org === undefined || stored.has(org.id) ? [] : [org];
      });
      if (fresh.length > 0) await storeNewOrganizations(trx, database, ctx, fresh);
      for (const o of fresh) stored.add(o.id);
      const request = requestOf(a, idOf);
      const { localId, ...checked } = request;
      const checkProject = projectChecker();
      if (!checkProject(checked)) for (const e of ajvErrors(checkProject.errors)) add(elementOf(e.path), e.message);
      assertMayWriteProject(ctx.principal, [request.reportingOrgId, ...request.participants.map((p) => p.organizationId)]);
      const fields = fieldsOf(request);
      for (const e of await projectProblems(trx, fields, codelistsDir, undefined, { imported: true })) add(elementOf(e.path), e.message);
      report(pass, rowErrors, mine);
      // After a refusal the rest is still checked, so the answer lists every problem; without skipInvalid nothing more is written.
      if (pass.leftOut.has(row) || !writes()) {
        // With skipInvalid its writes are undone (undoneUnlessKept), so the next activity naming them stores them again.
        if (skipInvalid) for (const o of fresh) stored.delete(o.id);
        return false;
      }
      activities += 1;
      const parsed = a.lastUpdated === '' ? Number.NaN : Date.parse(a.lastUpdated);
      const updated = Number.isNaN(parsed) ? nowIso() : new Date(parsed).toISOString();
      const project = { ...newProjectRow(fields, a.identifier, localId, { created: updated, updated }), iati_source: a.source === undefined ? null : JSON.stringify(a.source) };
      await insertProject(trx, project, participantRowsOf(project.id, fields));
      const rows: TransactionRow[] = a.transactions.map((t) => ({
        id: newId(), project_id: project.id, type: t.type, provider_org_id: t.provider === null ? null : idOf(t.provider), receiver_org_id: t.receiver === null ? null : idOf(t.receiver),
        amount: t.amount, currency: t.currency, value_date: t.valueDate, transaction_date: t.date === t.valueDate ? null : t.date, description: t.description, created_at: nowIso(),
      }));
      await insertTransactions(trx, rows);
      written.push(...rows);
      transactions += rows.length;
      audit.push({ action: 'import', entity: 'project', entityId: project.id, change: project }, ...rows.map((t) => ({ action: 'import', entity: 'transaction', entityId: t.id, change: t })));
      if (audit.length >= AUDIT_BATCH) {
        await appendAudit(trx, database.kind, ctx, audit);
        audit = [];
      }
      return true;
    };
    let seen = 0;
    for await (const { row, activity: a } of activitiesOf(source)) {
      // An activity is checked against the registry and written in one step: each is a step of progress.
      run.signal?.throwIfAborted();
      run.progress((seen += 1), null, 'checking');
      if (pass.unchecked.has(row)) continue;
      // With skipInvalid a refused activity's writes (its new organisations) are undone and the others' kept; without it any refusal undoes everything.
      if (skipInvalid) await undoneUnlessKept(trx, () => checkAndWrite(row, a));
      else await checkAndWrite(row, a);
    }
    // Converted and counted in the totals once, for the whole file (a dry run too: it is rolled back with the rest).
    await recordTransactions(trx, database.kind, written);
    if (dryRun) throw new DryRunDone(outcome(activities, transactions, stored.size));
    if (!writes()) throw importFailed(rowErrors, hint);
    if (audit.length > 0) await appendAudit(trx, database.kind, ctx, audit);
    return outcome(activities, transactions, stored.size);
  }).catch((e: unknown) => {
    if (e instanceof DryRunDone) return e.result;
    throw e;
  });
}
