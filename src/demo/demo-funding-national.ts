import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import { newId, nowIso } from '../ids.js';
import { appendAudit } from '../modules/audit/audit.service.js';
import type { ProjectFields } from '../modules/funding/projects.validation.js';
import type { ProjectParticipantsTable } from '../modules/funding/funding.tables.js';
import { insertProjects, type ProjectRow } from '../modules/funding/projects.repository.js';
import { newProjectRow, participantRowsOf } from '../modules/funding/projects.service.js';
import { recordTransactions } from '../modules/funding/rollups.service.js';
import { insertTransactions, type TransactionRow } from '../modules/funding/transactions.repository.js';
import { checkpointAfterBatch } from '../db/bulk-load.js';
import { silentProgress, type DemoProgress } from './demo-progress.js';
import type { Random } from './random.js';

/** National scale (DESIGN §8): 20,000 projects and about 200,000 transactions. */
export const NATIONAL_PROJECTS = 20_000;
const CHUNK = 2000;

const SECTORS: [code: string, name: string][] = [
  ['12220', 'Primary health care'], ['12230', 'Health facility repair'], ['12191', 'Medical services and rehabilitation'], ['12340', 'Mental health and psychosocial support'],
  ['72011', 'Emergency health care'], ['73010', 'Reconstruction of health facilities'], ['12181', 'Training of health workers'], ['23631', 'Mini-grids for hospitals'],
];
const CURRENCIES = ['USD', 'USD', 'EUR', 'EUR', 'GBP', 'UAH'];
const PHASES = ['damage_registered', 'design', 'procurement', 'construction', 'commissioning', 'operational'] as const;

const dateBetween = (random: Random, fromYear: number, toYear: number): string => {
  const start = Date.UTC(fromYear, 0, 10);
  const day = start + Math.floor(random.next() * (Date.UTC(toYear, 9, 31) - start));
  return new Date(day).toISOString().slice(0, 10);
};
const money = (random: Random, min: number, max: number): string => String(Math.round(min + random.next() * (max - min)) * 100);

function synthetic(random: Random, i: number, donor: { id: string; ref: string }, moh: string, oblasts: readonly string[]): { fields: ProjectFields; tx: Omit<TransactionRow, 'project_id'>[] } {
  const [code, name] = random.pick(SECTORS);
  const second = random.pick(SECTORS);
  const sectors = second[0] === code ? [{ vocabulary: '1', code, percentage: 100 }] : [{ vocabulary: '1', code, percentage: 60 }, { vocabulary: '1', code: second[0], percentage: 40 }];
  const start = dateBetween(random, 2022, 2025);
  const currency = random.pick(CURRENCIES);
  const committed = money(random, 500, 50_000);
  const reconstruction = code === '73010' || code === '12230';
  const phase = random.pick(PHASES);
  const fields: ProjectFields = {
    reportingOrgId: donor.id, title: { en: `${name} ${i + 1}`, uk: `${name} ${i + 1}` }, description: { en: `${name}: synthetic national-scale demo activity.` }, status: '2',
    startDate: start, endDate: null, humanitarian: random.next() < 0.6, participants: [{ organizationId: donor.id, role: 'funding' }, { organizationId: moh, role: 'implementing' }],
    sectors, locations: { areas: [random.pick(oblasts)], facilities: [] },
    budgets: [{ periodStart: start, periodEnd: new Date(Date.parse(start) + 364 * 86_400_000).toISOString().slice(0, 10), amount: committed, currency, valueDate: start }], results: [],
    reconstruction: reconstruction ? { phase, percentComplete: phase === 'operational' ? 100 : random.int(0, 95), milestones: [{ name: 'Design approved', due: start, done: phase !== 'damage_registered' && phase !== 'design' }], ocid: null } : null,
  };
  const at = nowIso();
  const row = (type: string, amount: string, valueDate: string): Omit<TransactionRow, 'project_id'> => ({ id: newId(), type, provider_org_id: donor.id, receiver_org_id: moh, amount, currency, value_date: valueDate, description: null, created_at: at });
  const tx = [row('2', committed, start)];
  for (let k = random.int(6, 12); k > 0; k -= 1) {
    const date = dateBetween(random, Number(start.slice(0, 4)), 2025);
    tx.push(row(random.next() < 0.7 ? '3' : '4', money(random, 5, 4000), date < start ? start : date));
  }
  return { fields, tx };
}

/** Thousands of synthetic activities of other donors, written in bulk a chunk at a time (one transaction each, then a checkpoint), each with its audit events. */
export async function loadNationalFunding(database: Database, ctx: CallContext, random: Random, oblasts: readonly string[], donors: readonly { id: string; ref: string }[], moh: string, progress: DemoProgress = silentProgress): Promise<void> {
  const step = progress('funding: national activities', NATIONAL_PROJECTS);
  for (let from = 0; from < NATIONAL_PROJECTS; from += CHUNK) {
    const projects: ProjectRow[] = [];
    const participants: ProjectParticipantsTable[] = [];
    const transactions: TransactionRow[] = [];
    for (let i = from; i < Math.min(from + CHUNK, NATIONAL_PROJECTS); i += 1) {
      const donor = random.pick(donors);
      const { fields, tx } = synthetic(random, i, donor, moh, oblasts);
      const at = nowIso();
      const row = newProjectRow(fields, `${donor.ref}-NAT-${String(i + 1).padStart(5, '0')}`, `NAT-${String(i + 1).padStart(5, '0')}`, { created: at, updated: at });
      projects.push(row);
      participants.push(...participantRowsOf(row.id, fields));
      transactions.push(...tx.map((t) => ({ ...t, project_id: row.id })));
    }
    await database.db.transaction().execute(async (trx) => {
      await insertProjects(trx, projects, participants);
      await insertTransactions(trx, transactions);
      await recordTransactions(trx, database.kind, transactions);
      await appendAudit(trx, database.kind, ctx, [
        ...projects.map((p) => ({ action: 'create', entity: 'project', entityId: p.id, change: { iati_identifier: p.iati_identifier, bulk: 'demo' } })),
        ...transactions.map((t) => ({ action: 'create', entity: 'transaction', entityId: t.id, change: t })),
      ]);
    });
    await checkpointAfterBatch(database);
    step.update(Math.min(from + CHUNK, NATIONAL_PROJECTS));
  }
  step.done(NATIONAL_PROJECTS);
}
