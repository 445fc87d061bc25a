import type { ErrorObject } from 'ajv';
import { makeAjv } from '../../ajv.js';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, type FieldError, type RowError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { IatiDocumentError, readIatiActivities, type ParsedActivity } from '../../io/iati/activity-parse.js';
import type { IatiActivity, IatiOrg } from '../../io/iati/activity-xml.js';
import { codeProblem, loadCodelist } from '../../io/iati/codelists.js';
import { appendAudit, type AuditEntry } from '../audit/audit.service.js';
import type { OrganizationRow } from '../organizations/organizations.repository.js';
import { ORGANIZATION_TYPES, type OrganizationCreate } from '../organizations/organizations.schema.js';
import { listOrganizationPage, newOrganizationRow, storeNewOrganizations } from '../organizations/organizations.service.js';
import { OUR_ORG_TYPE, OUR_ROLE } from './projects.iati-codes.js';
import { insertProject, takenIdentifiers } from './projects.repository.js';
import { ProjectCreate } from './projects.schema.js';
import { assertMayWriteProject, fieldsOf, newProjectRow, participantRowsOf } from './projects.service.js';
import { projectProblems } from './projects.validation.js';
import { insertTransactions, type TransactionRow } from './transactions.repository.js';
import { TransactionCreate } from './transactions.schema.js';
import { isKnownCurrency } from './fx.service.js';

export interface IatiImportResult {
  dryRun: boolean;
  activities: number;
  transactions: number;
  organizationsCreated: number;
  errorCount: number;
  errors: RowError[];
}

/** Ends a dry run's transaction (rolling it back) with what the import would have done. */
class DryRunDone extends Error {
  constructor(readonly result: IatiImportResult) {
    super('dry run');
  }
}

const MAX_LISTED_ERRORS = 1000;

const ajv = makeAjv(false);
const checkProject = ajv.compile(ProjectCreate);
const checkTransaction = ajv.compile(TransactionCreate);

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

const orgKey = (o: IatiOrg) => (o.ref !== null && o.ref !== '' ? `ref:${o.ref}` : `name:${o.name}`);

/** Every organisation an activity names: reporting, participating, and each transaction's provider and receiver. */
function* organizationsOf(a: IatiActivity): Generator<IatiOrg> {
  yield a.reportingOrg;
  yield* a.participants;
  for (const t of a.transactions) {
    if (t.provider !== null) yield t.provider;
    if (t.receiver !== null) yield t.receiver;
  }
}

/** Resolves the file's organisations: by IATI ref, or (without one) by exact English name; the rest become new rows. */
async function resolveOrganizations(database: Database, wanted: ReadonlyMap<string, IatiOrg>): Promise<{ idOf: (o: IatiOrg) => string; created: OrganizationRow[] }> {
  const ids = new Map<string, string>();
  const created: OrganizationRow[] = [];
  const at = nowIso();
  for (const [key, o] of wanted) {
    const hasRef = key.startsWith('ref:');
    const page = await listOrganizationPage(database, { q: hasRef ? (o.ref ?? '') : o.name, limit: 500 });
    const hit = page.rows.find((r) => (hasRef ? r.iati_org_id === o.ref : r.iati_org_id === null && r.name_en === o.name));
    if (hit !== undefined) {
      ids.set(key, hit.id);
      continue;
    }
    const type = ((ORGANIZATION_TYPES as readonly string[]).includes(o.ourType ?? '') ? o.ourType : (OUR_ORG_TYPE[o.type] ?? 'private')) as OrganizationCreate['type'];
    const row = newOrganizationRow({ nameEn: o.name, nameUk: o.nameUk ?? o.name, type, country: o.country ?? null, iatiOrgId: hasRef ? o.ref : null }, at);
    created.push(row);
    ids.set(key, row.id);
  }
  return { idOf: (o) => ids.get(orgKey(o)) ?? '', created };
}

/** Checks of codes against the IATI codelists and of what our model holds (vocabulary 1 only, our roles). */
function codeProblems(a: IatiActivity, codelistsDir: string): { column: string; message: string }[] {
  const out: { column: string; message: string }[] = [];
  const orgType = loadCodelist(codelistsDir, 'OrganisationType');
  const check = (column: string, problem: string | undefined) => problem !== undefined && out.push({ column, message: problem });
  check('reporting-org/@type', codeProblem(orgType, a.reportingOrg.type));
  a.participants.forEach((p, i) => {
    check(`participating-org[${i + 1}]/@type`, p.type === '' ? undefined : codeProblem(orgType, p.type));
    if (OUR_ROLE[p.role] === undefined) out.push({ column: `participating-org[${i + 1}]/@role`, message: `role "${p.role}" is not an IATI OrganisationRole (1-4)` });
  });
  a.sectors.forEach((s, i) => s.vocabulary !== '1' && out.push({ column: `sector[${i + 1}]/@vocabulary`, message: `vocabulary "${s.vocabulary}" is not kept; use 1 (OECD DAC 5-digit)` }));
  if (a.defaultCurrency !== '' && !isKnownCurrency(a.defaultCurrency)) out.push({ column: '@default-currency', message: `"${a.defaultCurrency}" is not an ISO 4217 currency code` });
  if (a.lastUpdated !== '' && Number.isNaN(Date.parse(a.lastUpdated))) out.push({ column: '@last-updated-datetime', message: `"${a.lastUpdated}" is not a date-time` });
  return out;
}

/** The activity as an API create request, so the API's own schema and rules check it. */
function requestOf(a: IatiActivity, idOf: (o: IatiOrg) => string): ProjectCreate {
  return {
    ...fieldsOf({
      reportingOrgId: idOf(a.reportingOrg), localId: a.identifier.slice(a.reportingOrg.ref.length + 1), title: a.title, description: a.description,
      status: a.status as ProjectCreate['status'], startDate: a.startDate, endDate: a.endDate, humanitarian: a.humanitarian,
      participants: a.participants.map((p) => ({ organizationId: idOf(p), role: (OUR_ROLE[p.role] ?? 'implementing') as ProjectCreate['participants'][number]['role'] })),
      sectors: a.sectors.map((s) => ({ vocabulary: '1', code: s.code, percentage: s.percentage })),
      locations: { areas: a.locations, facilities: [] }, budgets: a.budgets, results: a.results as ProjectCreate['results'], reconstruction: a.reconstruction as ProjectCreate['reconstruction'],
    }),
    localId: a.identifier.slice(a.reportingOrg.ref.length + 1),
  };
}

const sortedErrors = (errors: RowError[]): RowError[] => [...errors].sort((x, y) => x.row - y.row).slice(0, MAX_LISTED_ERRORS);

const importFailed = (errors: RowError[]): AppError =>
  new AppError('import_failed', `${errors.length} problem(s) in the IATI file; nothing was imported.`, { rowErrors: sortedErrors(errors) });

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

/** The first pass: everything that can be checked without the database's organisations, and what the second pass needs. */
async function checkStructureAndCodes(source: IatiSource, codelistsDir: string, rowErrors: RowError[]): Promise<{ identifiers: Map<string, number>; organizations: Map<string, IatiOrg> }> {
  const identifiers = new Map<string, number>();
  const organizations = new Map<string, IatiOrg>();
  for await (const { row, activity: a, errors } of activitiesOf(source)) {
    rowErrors.push(...errors);
    const add = (column: string, message: string) => rowErrors.push({ row, column, message: `activity ${a.identifier}: ${message}` });
    const first = identifiers.get(a.identifier);
    if (first !== undefined) add('iati-identifier', `repeats activity ${first}`);
    else identifiers.set(a.identifier, row);
    if (!a.identifier.startsWith(`${a.reportingOrg.ref}-`)) add('iati-identifier', `must start with the reporting-org ref "${a.reportingOrg.ref}-"`);
    for (const p of codeProblems(a, codelistsDir)) add(p.column, p.message);
    a.transactions.forEach((t, j) => {
      const candidate = { projectId: newId(), type: t.type, amount: t.amount, currency: t.currency, valueDate: t.valueDate, ...(t.description === null ? {} : { description: t.description }) };
      if (!checkTransaction(candidate)) for (const e of ajvErrors(checkTransaction.errors)) add(elementOf(e.path, `transaction[${j + 1}]`), e.message);
      if (isKnownCurrency(t.currency) === false) add(`transaction[${j + 1}]/value/@currency`, `"${t.currency}" is not an ISO 4217 currency code`);
      if (t.amount.startsWith('-')) add(`transaction[${j + 1}]/value`, 'must not be negative');
    });
    for (const o of organizationsOf(a)) if (!organizations.has(orgKey(o))) organizations.set(orgKey(o), o);
  }
  return { identifiers, organizations };
}

/**
 * Imports IATI 2.03 activities, streamed in two passes over the file so that
 * memory stays that of one activity whatever the file's size. The first pass
 * checks structure, codes and transactions; the second, in one transaction,
 * checks each activity against the API's schema and every project rule and
 * writes it with its transactions, new organisations and audit events — and
 * rolls all of it back if any activity is refused. Errors name the activity
 * (row = its position) and element. Our own export reads back to the same
 * records, so export → import → export gives the same file.
 */
export async function importIati(database: Database, ctx: CallContext, source: IatiSource, codelistsDir: string, options: { dryRun: boolean } = { dryRun: false }): Promise<IatiImportResult> {
  const rowErrors: RowError[] = [];
  const { identifiers, organizations } = await checkStructureAndCodes(source, codelistsDir, rowErrors);
  for (const identifier of await takenIdentifiers(database.db, [...identifiers.keys()])) {
    rowErrors.push({ row: identifiers.get(identifier) ?? 0, column: 'iati-identifier', message: `activity ${identifier}: is already stored; nothing is overwritten` });
  }
  const outcome = (activities: number, transactions: number, organizationsCreated: number): IatiImportResult => ({ dryRun: options.dryRun, activities, transactions, organizationsCreated, errorCount: rowErrors.length, errors: sortedErrors(rowErrors) });
  if (rowErrors.length > 0) {
    if (options.dryRun) return outcome(identifiers.size, 0, 0);
    throw importFailed(rowErrors);
  }
  const { idOf, created } = await resolveOrganizations(database, organizations);
  // A dry run goes through the same writes, so the same rules see the same rows, and is rolled back at the end.
  return database.db.transaction().execute(async (trx) => {
    // New organisations first, so the project rules (which look organisations up) see them; a refusal below rolls them back too.
    if (created.length > 0) await storeNewOrganizations(trx, database, ctx, created);
    let activities = 0;
    let transactions = 0;
    let audit: AuditEntry[] = [];
    for await (const { row, activity: a } of activitiesOf(source)) {
      activities += 1;
      const add = (column: string, message: string) => rowErrors.push({ row, column, message: `activity ${a.identifier}: ${message}` });
      const request = requestOf(a, idOf);
      if (!checkProject(request)) for (const e of ajvErrors(checkProject.errors)) add(elementOf(e.path), e.message);
      assertMayWriteProject(ctx.principal, [request.reportingOrgId, ...request.participants.map((p) => p.organizationId)]);
      const fields = fieldsOf(request);
      for (const e of await projectProblems(trx, fields, codelistsDir)) add(elementOf(e.path), e.message);
      // After a refusal the rest is still checked, so the answer lists every problem, but nothing more is written.
      if (rowErrors.length > 0) continue;
      const updated = a.lastUpdated === '' ? nowIso() : new Date(a.lastUpdated).toISOString();
      const project = newProjectRow(fields, a.identifier, request.localId, { created: updated, updated });
      await insertProject(trx, project, participantRowsOf(project.id, fields));
      const rows: TransactionRow[] = a.transactions.map((t) => ({
        id: newId(), project_id: project.id, type: t.type, provider_org_id: t.provider === null ? null : idOf(t.provider), receiver_org_id: t.receiver === null ? null : idOf(t.receiver),
        amount: t.amount, currency: t.currency, value_date: t.valueDate, description: t.description, created_at: nowIso(),
      }));
      await insertTransactions(trx, rows);
      transactions += rows.length;
      audit.push({ action: 'import', entity: 'project', entityId: project.id, change: project }, ...rows.map((t) => ({ action: 'import', entity: 'transaction', entityId: t.id, change: t })));
      if (activities % AUDIT_BATCH === 0) {
        await appendAudit(trx, database.kind, ctx, audit);
        audit = [];
      }
    }
    if (options.dryRun) throw new DryRunDone(outcome(activities, transactions, created.length));
    if (rowErrors.length > 0) throw importFailed(rowErrors);
    await appendAudit(trx, database.kind, ctx, audit);
    return outcome(activities, transactions, created.length);
  }).catch((e: unknown) => {
    if (e instanceof DryRunDone) return e.result;
    throw e;
  });
}
