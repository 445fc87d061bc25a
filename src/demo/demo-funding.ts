import { Readable } from 'node:stream';
import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import type { FacilityRow } from '../modules/facilities/facilities.repository.js';
import { importFxRates } from '../modules/funding/fx.service.js';
import { createNeed } from '../modules/funding/needs.service.js';
import type { NeedCreate } from '../modules/funding/needs.schema.js';
import { createProject } from '../modules/funding/projects.service.js';
import { createTransaction } from '../modules/funding/transactions.service.js';
import { listOrganizationPage } from '../modules/organizations/organizations.service.js';
import type { DemoScale } from './demo.js';
import type { Random } from './random.js';

const CODELISTS = '../shared/data/iati-2.03/codelists';

// Illustrative rates for the dates the demo uses (units per USD); not official figures.
const FX_CSV = [
  'currency,date,rate_per_usd,source',
  ...['2024-01-02,141.0,0.91,37.9', '2024-04-01,151.3,0.93,39.2', '2024-07-01,161.2,0.93,40.6', '2024-10-01,143.6,0.90,41.3'].flatMap((line) => {
    const [date, jpy, eur, uah] = line.split(',');
    return [`JPY,${date},${jpy},demo (illustrative)`, `EUR,${date},${eur},demo (illustrative)`, `UAH,${date},${uah},demo (illustrative)`];
  }),
].join('\n');

async function organizationIdOf(database: Database, iatiOrgId: string): Promise<string> {
  const page = await listOrganizationPage(database, { q: iatiOrgId.toLowerCase(), limit: 50 });
  const hit = page.rows.find((o) => o.iati_org_id === iatiOrgId);
  if (hit === undefined) throw new Error(`demo organisation ${iatiOrgId} is missing`);
  return hit.id;
}

/** Demo data of the funding capability, written after the facilities exist: a few projects, so the small demo stays fast. */
export async function loadFundingDemo(database: Database, ctx: CallContext, random: Random, facilities: readonly FacilityRow[], _scale: DemoScale): Promise<void> {
  await importFxRates(database, ctx, Readable.from([FX_CSV]));
  const [jica, japan, who, moh] = await Promise.all(['XM-DAC-701-8', 'XM-DAC-701', 'XM-DAC-928', 'UA-EDR-00012925'].map((r) => organizationIdOf(database, r)));
  if (jica === undefined || japan === undefined || who === undefined || moh === undefined) return;
  const oblasts = [...new Set(facilities.slice(0, 6).map((f) => f.area_path.slice(0, 19)))];
  const common = { status: '2' as const, humanitarian: true, locations: { areas: oblasts.slice(0, 2), facilities: facilities.slice(0, 2).map((f) => f.id) } };
  const generators = await createProject(database, ctx, {
    ...common,
    reportingOrgId: jica, localId: 'UA-GEN-2024', startDate: '2024-04-01', endDate: '2026-03-31',
    title: { en: 'Emergency power for hospitals', uk: 'Аварійне живлення для лікарень', ja: '病院のための緊急電源' },
    description: { en: 'Diesel generators for hospitals exposed to power outages.' },
    participants: [{ organizationId: japan, role: 'funding' }, { organizationId: jica, role: 'extending' }, { organizationId: moh, role: 'implementing' }],
    sectors: [{ vocabulary: '1', code: '12220', percentage: 70 }, { vocabulary: '1', code: '23630', percentage: 30 }],
    budgets: [{ periodStart: '2024-04-01', periodEnd: '2025-03-31', amount: '1500000000', currency: 'JPY', valueDate: '2024-04-01' }],
  }, CODELISTS);
  const rebuild = await createProject(database, ctx, {
    ...common,
    reportingOrgId: jica, localId: 'UA-REB-2024', startDate: '2024-07-01', endDate: '2027-06-30',
    title: { en: 'Reconstruction of a regional hospital', uk: 'Відбудова обласної лікарні', ja: '州立病院の復旧' },
    description: { en: 'Repair of the surgical block damaged in 2023.' },
    participants: [{ organizationId: jica, role: 'funding' }, { organizationId: moh, role: 'implementing' }],
    sectors: [{ vocabulary: '1', code: '12230', percentage: 100 }],
    budgets: [],
    reconstruction: { phase: 'construction', percentComplete: 35, milestones: [{ name: 'Design approved', due: '2024-09-01', done: true }, { name: 'Roof closed', due: '2025-03-01', done: false }], ocid: 'ocds-be6bcu-UA-2024-05-20-000123-a' },
  }, CODELISTS);
  const whoProject = await createProject(database, ctx, {
    ...common,
    reportingOrgId: who, localId: 'UKR-PHC-2024', startDate: '2024-01-02', endDate: null,
    title: { en: 'Primary care continuity', uk: 'Безперервність первинної допомоги' },
    description: { en: 'Medicines and mental health services in primary care.' },
    participants: [{ organizationId: who, role: 'implementing' }, { organizationId: moh, role: 'accountable' }],
    sectors: [{ vocabulary: '1', code: '12220', percentage: 50 }, { vocabulary: '1', code: '12191', percentage: 50 }],
    budgets: [{ periodStart: '2024-01-02', periodEnd: '2024-12-31', amount: '2500000', currency: 'EUR', valueDate: '2024-01-02' }],
  }, CODELISTS);
  const tx = [
    { projectId: generators.id, type: '12' as const, amount: '2000000000', currency: 'JPY', valueDate: '2024-04-01', providerOrgId: japan },
    { projectId: generators.id, type: '2' as const, amount: '1500000000', currency: 'JPY', valueDate: '2024-04-15', providerOrgId: jica, receiverOrgId: moh },
    { projectId: generators.id, type: '3' as const, amount: '3100000', currency: 'USD', valueDate: '2024-07-01', providerOrgId: jica, receiverOrgId: moh },
    { projectId: rebuild.id, type: '2' as const, amount: '900000000', currency: 'JPY', valueDate: '2024-07-01', providerOrgId: jica, receiverOrgId: moh },
    { projectId: rebuild.id, type: '4' as const, amount: '41250000.50', currency: 'UAH', valueDate: '2024-10-03', providerOrgId: moh },
    { projectId: whoProject.id, type: '3' as const, amount: '1200000', currency: 'EUR', valueDate: '2024-04-02', providerOrgId: who },
  ];
  for (const t of tx) await createTransaction(database, ctx, t);
  const needs: Omit<NeedCreate, 'facilityId'>[] = [
    { category: 'generator', specification: 'Diesel generator set, 200 kVA', quantity: '1', unit: 'unit', priority: 'critical', neededBy: '2025-01-15' },
    { category: 'fuel', specification: 'Diesel fuel', quantity: '5000', unit: 'l', priority: 'high', neededBy: '2025-02-01' },
    { category: 'medicine', specification: 'Insulin glargine 100 IU/ml', quantity: '400', unit: 'pen', priority: 'medium', neededBy: null },
  ];
  for (const f of facilities.slice(0, 3)) for (const n of needs) if (random.next() < 0.8) await createNeed(database, ctx, { ...n, facilityId: f.id });
}
