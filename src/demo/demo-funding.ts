import { Readable } from 'node:stream';
import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../ids.js';
import type { FacilityRow } from '../modules/facilities/facilities.tables.js';
import { importFxRates } from '../modules/funding/fx.service.js';
import { accessOn } from '../modules/geography/area-status.service.js';
import { decideNeed } from '../modules/needs/needs.decisions.js';
import { createNeed, linkTransactionToNeed } from '../modules/needs/needs.service.js';
import type { NeedCreate } from '../modules/needs/needs.schema.js';
import type { ProjectCreate } from '../modules/funding/projects.schema.js';
import { createProject } from '../modules/funding/projects.service.js';
import { createTransaction } from '../modules/funding/transactions.service.js';
import type { TransactionCreate } from '../modules/funding/transactions.schema.js';
import type { OrganizationCreate } from '../modules/organizations/organizations.schema.js';
import { listOrganizationPage, newOrganizationRow, storeNewOrganizations } from '../modules/organizations/organizations.service.js';
import { loadNationalFunding } from './demo-funding-national.js';
import type { DemoScale } from './demo.js';
import { silentProgress, type DemoProgress } from './demo-progress.js';
import type { Random } from './random.js';

const CODELISTS = '../shared/data/iati-2.03/codelists';
const SOURCE = 'demo (illustrative; rounded market rates)';

// Illustrative quarterly rates (units per USD), close to market levels; not official figures.
const QUARTERS = ['01-03', '04-01', '07-01', '10-01'];
const RATES: Record<string, number[]> = {
  JPY: [115.2, 122.4, 136.0, 145.1, 131.1, 133.0, 144.5, 149.2, 141.0, 151.3, 161.2, 143.6, 157.2, 150.0, 144.0, 148.0],
  EUR: [0.88, 0.91, 0.96, 1.02, 0.94, 0.92, 0.92, 0.95, 0.91, 0.93, 0.93, 0.9, 0.96, 0.92, 0.85, 0.85],
  UAH: [29.25, 29.25, 36.57, 36.57, 36.57, 36.57, 36.57, 37.35, 37.9, 39.2, 40.6, 41.3, 42.0, 41.5, 41.6, 41.3],
  GBP: [0.74, 0.77, 0.83, 0.88, 0.83, 0.81, 0.79, 0.82, 0.79, 0.79, 0.78, 0.75, 0.8, 0.77, 0.73, 0.75],
};
export const FX_CSV = [
  'currency,date,rate_per_usd,source',
  ...Object.entries(RATES).flatMap(([currency, values]) => values.map((v, i) => `${currency},${2022 + Math.floor(i / 4)}-${QUARTERS[i % 4] ?? ''},${v},${SOURCE}`)),
].join('\n');

/** Donors the shared demo organisations do not include, with the Japanese names they are known by in Japan. */
const MORE_DONORS: OrganizationCreate[] = [
  { nameUk: 'Агентство США з міжнародного розвитку', nameEn: 'United States Agency for International Development', nameJa: '米国国際開発庁（USAID）', type: 'bilateral_agency', country: 'US', iatiOrgId: 'US-GOV-1' },
  { nameUk: 'Європейська комісія', nameEn: 'European Commission', nameJa: '欧州委員会', type: 'multilateral', country: null, iatiOrgId: 'XI-IATI-EC_NEAR' },
  { nameUk: 'Світовий банк', nameEn: 'World Bank', nameJa: '世界銀行', type: 'multilateral', country: null, iatiOrgId: 'XM-DAC-44000' },
  { nameUk: 'Міністерство закордонних справ Великої Британії (FCDO)', nameEn: 'Foreign, Commonwealth & Development Office', nameJa: '英国外務・英連邦・開発省（FCDO）', type: 'donor_government', country: 'GB', iatiOrgId: 'GB-GOV-1' },
  { nameUk: 'KfW (Німеччина)', nameEn: 'KfW Development Bank', nameJa: 'ドイツ復興金融公庫（KfW）', type: 'bilateral_agency', country: 'DE', iatiOrgId: 'XM-DAC-5-52' },
];

type Org = 'moh' | 'japan' | 'jica' | 'embassy' | 'who' | 'usaid' | 'eu' | 'wb' | 'fcdo' | 'kfw';
const IATI_IDS: Record<Exclude<Org, 'embassy'>, string> = {
  moh: 'UA-EDR-00012925', japan: 'XM-DAC-701', jica: 'XM-DAC-701-8', who: 'XM-DAC-928', usaid: 'US-GOV-1', eu: 'XI-IATI-EC_NEAR', wb: 'XM-DAC-44000', fcdo: 'GB-GOV-1', kfw: 'XM-DAC-5-52',
};

async function organizationIds(database: Database, ctx: CallContext): Promise<Record<Org, string>> {
  await database.db.transaction().execute((trx) => storeNewOrganizations(trx, database, ctx, MORE_DONORS.map((o) => newOrganizationRow(o, nowIso()))));
  const rows = (await listOrganizationPage(database, { limit: 500 })).rows;
  const byRef = (ref: string) => rows.find((o) => o.iati_org_id === ref)?.id;
  const out: Partial<Record<Org, string>> = { embassy: rows.find((o) => o.name_en === 'Embassy of Japan in Ukraine')?.id };
  for (const [k, ref] of Object.entries(IATI_IDS)) out[k as Org] = byRef(ref);
  for (const [k, v] of Object.entries(out)) if (v === undefined) throw new Error(`demo organisation ${k} is missing`);
  return out as Record<Org, string>;
}

type Tx = [type: TransactionCreate['type'], amount: string, currency: string, valueDate: string, provider: Org, receiver?: Org];
interface DemoProject {
  reporter: Org;
  localId: string;
  title: ProjectCreate['title'];
  description: string;
  start: string;
  end: string | null;
  participants: [Org, ProjectCreate['participants'][number]['role']][];
  sectors: [code: string, percentage: number][];
  tx: Tx[];
  extra?: Partial<ProjectCreate>;
}

const GEN_RESULTS: ProjectCreate['results'] = [
  {
    type: '1', aggregationStatus: true, title: { en: 'Autonomous power for health facilities', uk: 'Автономне живлення закладів охорони здоров’я', ja: '医療施設の自立電源' },
    indicators: [
      { measure: '1', ascending: true, title: { en: 'Generators installed and working', uk: 'Встановлені й працюючі генератори', ja: '設置・稼働中の発電機' }, baseline: { year: 2024, value: '0' }, periods: [{ periodStart: '2024-04-15', periodEnd: '2025-12-31', target: '110', actual: '64' }] },
      { measure: '1', ascending: true, title: { en: 'Backup capacity installed (MW)', uk: 'Встановлена резервна потужність (МВт)', ja: '設置済み予備電源容量（MW）' }, baseline: { year: 2024, value: '0' }, periods: [{ periodStart: '2024-04-15', periodEnd: '2025-12-31', target: '135', actual: '78.4' }] },
    ],
  },
];

/**
 * Japan's support (Government of Japan and JICA) across sectors, in JPY and USD:
 * commitments add up to a little over USD 12 billion at the demo rates, with
 * pledges apart. Amounts are rounded, illustrative figures of realistic scale.
 */
const JAPAN: DemoProject[] = [
  { reporter: 'japan', localId: 'UA-BUDGET-PEACE', title: { en: 'Budget support through the World Bank (PEACE)', uk: 'Бюджетна підтримка через Світовий банк (PEACE)', ja: '世界銀行を通じた財政支援（PEACE）' }, description: 'Pays public-sector wages, pensions and social programmes, health workers included.', start: '2022-06-01', end: '2025-12-31', participants: [['japan', 'funding'], ['wb', 'extending'], ['moh', 'implementing']], sectors: [['51010', 100]], tx: [['12', '5600000000', 'USD', '2023-02-20', 'japan'], ['2', '600000000', 'USD', '2022-06-15', 'japan', 'wb'], ['2', '4900000000', 'USD', '2023-03-20', 'japan', 'wb'], ['3', '600000000', 'USD', '2022-07-01', 'japan', 'wb'], ['3', '4900000000', 'USD', '2023-06-30', 'japan', 'wb']] },
  { reporter: 'jica', localId: 'UA-ERA-LOAN', title: { en: 'Economic recovery and reconstruction loan', uk: 'Позика на економічне відновлення та відбудову', ja: '経済復興・再建借款' }, description: 'Concessional loan for recovery and reconstruction.', start: '2024-06-10', end: '2027-06-30', participants: [['jica', 'funding'], ['moh', 'implementing']], sectors: [['51010', 60], ['73010', 40]], tx: [['2', '472000000000', 'JPY', '2024-06-10', 'jica', 'moh'], ['3', '236000000000', 'JPY', '2024-12-02', 'jica', 'moh']] },
  { reporter: 'japan', localId: 'UA-HUM-2022', title: { en: 'Humanitarian assistance through international organisations', uk: 'Гуманітарна допомога через міжнародні організації', ja: '国際機関を通じた人道支援' }, description: 'Relief, emergency health care and food through UN agencies and the Red Cross.', start: '2022-03-01', end: '2025-03-31', participants: [['japan', 'funding'], ['who', 'implementing']], sectors: [['72010', 60], ['72011', 20], ['72040', 20]], tx: [['2', '600000000', 'USD', '2022-03-15', 'japan', 'who'], ['2', '500000000', 'USD', '2023-01-16', 'japan', 'who'], ['2', '600000000', 'USD', '2024-01-15', 'japan', 'who'], ['3', '600000000', 'USD', '2022-04-01', 'japan', 'who'], ['3', '500000000', 'USD', '2023-02-01', 'japan', 'who'], ['3', '450000000', 'USD', '2024-03-01', 'japan', 'who']] },
  { reporter: 'jica', localId: 'UA-ENERGY-GRID', title: { en: 'Restoration of the power grid', uk: 'Відновлення енергомережі', ja: '電力網の復旧' }, description: 'Transformers and grid equipment for damaged substations.', start: '2023-09-01', end: '2026-12-31', participants: [['jica', 'funding'], ['moh', 'implementing']], sectors: [['23630', 100]], tx: [['2', '120000000000', 'JPY', '2023-09-01', 'jica'], ['3', '70000000000', 'JPY', '2024-08-15', 'jica']] },
  { reporter: 'jica', localId: 'UA-DEMINING', title: { en: 'Humanitarian demining', uk: 'Гуманітарне розмінування', ja: '人道的地雷除去' }, description: 'Demining equipment and training.', start: '2023-05-01', end: '2026-04-30', participants: [['jica', 'funding']], sectors: [['15250', 100]], tx: [['2', '30000000000', 'JPY', '2023-05-01', 'jica'], ['3', '22000000000', 'JPY', '2024-05-20', 'jica']] },
  { reporter: 'jica', localId: 'UA-AGRI-JOBS', title: { en: 'Agriculture and livelihoods recovery', uk: 'Відновлення сільського господарства та засобів до існування', ja: '農業と生計の回復' }, description: 'Seeds, machinery and employment programmes.', start: '2023-10-01', end: '2026-09-30', participants: [['jica', 'funding']], sectors: [['31120', 50], ['16020', 50]], tx: [['2', '25000000000', 'JPY', '2023-10-02', 'jica'], ['3', '9000000000', 'JPY', '2024-10-01', 'jica']] },
  { reporter: 'jica', localId: 'UA-TRANSPORT-WATER', title: { en: 'Transport and water infrastructure', uk: 'Транспортна та водна інфраструктура', ja: '交通・水インフラ' }, description: 'Bridges, roads and water supply systems.', start: '2024-01-15', end: '2027-12-31', participants: [['jica', 'funding']], sectors: [['21020', 50], ['14021', 50]], tx: [['2', '35000000000', 'JPY', '2024-01-15', 'jica'], ['3', '8000000000', 'JPY', '2025-01-10', 'jica']] },
  { reporter: 'jica', localId: 'UA-MED-PROGRAMME', title: { en: 'Medical sector recovery programme', uk: 'Програма відновлення медичного сектору', ja: '医療分野復興プログラム' }, description: 'Rebuilding damaged hospitals, medicines and equipment, rehabilitation and mental health services.', start: '2024-03-15', end: '2027-03-31', participants: [['japan', 'funding'], ['jica', 'extending'], ['moh', 'implementing']], sectors: [['12230', 40], ['12191', 25], ['12220', 15], ['12340', 20]], tx: [['12', '50000000000', 'JPY', '2024-02-19', 'japan'], ['2', '45000000000', 'JPY', '2024-03-15', 'jica', 'moh'], ['3', '18000000000', 'JPY', '2024-09-02', 'jica', 'moh'], ['4', '2450000000.50', 'UAH', '2024-11-20', 'moh']] },
  { reporter: 'jica', localId: 'UA-GEN-110', title: { en: 'Emergency power for hospitals: 110 generators (about 135 MW)', uk: 'Аварійне живлення для лікарень: 110 генераторів (близько 135 МВт)', ja: '病院の非常用電源：発電機110台（約135MW）' }, description: 'A package of 110 generators, about 135 MW in all, for the autonomous operation of health facilities during outages.', start: '2024-04-15', end: '2025-12-31', participants: [['japan', 'funding'], ['jica', 'extending'], ['moh', 'implementing']], sectors: [['12230', 70], ['23630', 30]], tx: [['2', '20000000000', 'JPY', '2024-04-15', 'jica', 'moh'], ['3', '14000000000', 'JPY', '2024-07-01', 'jica', 'moh'], ['3', '3100000', 'USD', '2024-10-07', 'jica', 'moh']], extra: { results: GEN_RESULTS } },
  { reporter: 'jica', localId: 'UA-REB-HOSP', title: { en: 'Reconstruction of a regional hospital', uk: 'Відбудова обласної лікарні', ja: '州立病院の復旧' }, description: 'Repair of the surgical block damaged in 2023.', start: '2024-07-01', end: '2027-06-30', participants: [['jica', 'funding'], ['moh', 'implementing']], sectors: [['73010', 50], ['12230', 50]], tx: [['2', '9000000000', 'JPY', '2024-07-01', 'jica', 'moh'], ['4', '41250000.50', 'UAH', '2024-10-03', 'moh']], extra: { reconstruction: { phase: 'construction', percentComplete: 35, milestones: [{ name: 'Design approved', due: '2024-09-01', done: true }, { name: 'Roof closed', due: '2025-03-01', done: true }, { name: 'Operating theatres commissioned', due: '2026-06-30', done: false }], ocid: 'ocds-be6bcu-UA-2024-05-20-000123-a' } } },
  { reporter: 'japan', localId: 'UA-KUSANONE', title: { en: 'Grassroots grants for community health', uk: 'Гранти «Кусаноне» для громадського здоров’я', ja: '草の根・人間の安全保障無償資金協力（保健）' }, description: 'Small grants through the Embassy for ambulances and clinic equipment.', start: '2023-04-01', end: null, participants: [['japan', 'funding'], ['embassy', 'extending']], sectors: [['12220', 100]], tx: [['2', '2400000', 'USD', '2023-04-03', 'embassy'], ['3', '1150000', 'USD', '2023-09-15', 'embassy'], ['3', '980000', 'USD', '2024-06-14', 'embassy']] },
];

const OTHERS: DemoProject[] = [
  { reporter: 'who', localId: 'UKR-PHC-2024', title: { en: 'Primary care continuity', uk: 'Безперервність первинної допомоги' }, description: 'Medicines and mental health services in primary care.', start: '2024-01-02', end: null, participants: [['who', 'implementing'], ['moh', 'accountable']], sectors: [['12220', 50], ['12340', 50]], tx: [['3', '1200000', 'EUR', '2024-04-02', 'who'], ['4', '950000', 'EUR', '2024-10-15', 'who']] },
  { reporter: 'usaid', localId: 'UA-HEALTH-RESILIENCE', title: { en: 'Health system resilience', uk: 'Стійкість системи охорони здоров’я' }, description: 'Trauma care, rehabilitation and the supply chain for essential medicines.', start: '2022-09-30', end: '2026-09-29', participants: [['usaid', 'funding'], ['moh', 'implementing']], sectors: [['12191', 40], ['12220', 60]], tx: [['2', '520000000', 'USD', '2022-09-30', 'usaid', 'moh'], ['3', '180000000', 'USD', '2023-06-01', 'usaid', 'moh'], ['3', '140000000', 'USD', '2024-05-01', 'usaid', 'moh']] },
  { reporter: 'eu', localId: 'UA-HEALTH-ECHO', title: { en: 'Emergency health and medical evacuation', uk: 'Екстрена медична допомога та медична евакуація' }, description: 'Ambulances, medical evacuation and field hospitals.', start: '2022-04-01', end: '2025-12-31', participants: [['eu', 'funding'], ['who', 'implementing']], sectors: [['72011', 100]], tx: [['12', '400000000', 'EUR', '2022-03-20', 'eu'], ['2', '310000000', 'EUR', '2022-04-04', 'eu', 'who'], ['3', '240000000', 'EUR', '2023-03-01', 'eu', 'who']] },
  { reporter: 'wb', localId: 'P180245-HEAL', title: { en: 'Health Enhancement and Lifesaving (HEAL Ukraine)', uk: 'Покращення охорони здоров’я та порятунок життів (HEAL Ukraine)' }, description: 'Primary care, rehabilitation and mental health services; rebuilding of facilities.', start: '2023-06-29', end: '2027-12-31', participants: [['wb', 'funding'], ['moh', 'implementing']], sectors: [['12220', 40], ['12191', 30], ['12230', 30]], tx: [['2', '500000000', 'USD', '2023-06-29', 'wb', 'moh'], ['3', '210000000', 'USD', '2024-03-15', 'wb', 'moh']] },
  { reporter: 'fcdo', localId: 'UA-HEALTH-ENERGY', title: { en: 'Energy security for hospitals', uk: 'Енергетична безпека лікарень' }, description: 'Solar and battery systems for hospitals.', start: '2023-11-01', end: '2025-10-31', participants: [['fcdo', 'funding'], ['moh', 'implementing']], sectors: [['12230', 60], ['23630', 40]], tx: [['2', '62000000', 'GBP', '2023-11-01', 'fcdo', 'moh'], ['3', '41000000', 'GBP', '2024-07-02', 'fcdo', 'moh']] },
  { reporter: 'kfw', localId: 'UA-REHAB-CENTRES', title: { en: 'Rehabilitation centres', uk: 'Реабілітаційні центри' }, description: 'Construction and equipment of rehabilitation centres for the war-injured.', start: '2024-02-01', end: '2027-01-31', participants: [['kfw', 'funding'], ['moh', 'implementing']], sectors: [['12191', 70], ['12230', 30]], tx: [['2', '95000000', 'EUR', '2024-02-01', 'kfw', 'moh'], ['3', '22000000', 'EUR', '2024-11-04', 'kfw', 'moh']], extra: { reconstruction: { phase: 'procurement', percentComplete: 5, milestones: [{ name: 'Sites selected', due: '2024-05-31', done: true }, { name: 'Contracts signed', due: '2025-02-28', done: false }], ocid: 'ocds-be6bcu-UA-2024-11-04-000417-b' } } },
];

/**
 * Demo data of the funding capability, written after the facilities exist:
 * illustrative FX rates for 2022–2025, other donors, Japan's support across
 * sectors (headline over USD 12 billion), other donors' projects, needs with
 * what meets them; at national scale, thousands of further activities.
 */
export async function loadFundingDemo(database: Database, ctx: CallContext, random: Random, facilities: readonly FacilityRow[], scale: DemoScale, progress: DemoProgress = silentProgress): Promise<void> {
  const step = progress('funding');
  await importFxRates(database, ctx, Readable.from([FX_CSV]));
  const org = await organizationIds(database, ctx);
  const oblasts = [...new Set(facilities.map((f) => f.area_path.slice(0, 19)))];
  const created = new Map<string, { id: string; tx: string[] }>();
  for (const p of [...JAPAN, ...OTHERS]) {
    const areas = [random.pick(oblasts), random.pick(oblasts)].filter((a, i, all) => all.indexOf(a) === i);
    const project = await createProject(database, ctx, {
      reportingOrgId: org[p.reporter], localId: p.localId, title: p.title, description: { en: p.description }, status: '2', startDate: p.start, endDate: p.end, humanitarian: true,
      participants: p.participants.map(([o, role]) => ({ organizationId: org[o], role })), sectors: p.sectors.map(([code, percentage]) => ({ vocabulary: '1', code, percentage })),
      locations: { areas, facilities: [] }, budgets: [], ...p.extra,
    }, CODELISTS);
    const tx: string[] = [];
    for (const [type, amount, currency, valueDate, provider, receiver] of p.tx) {
      tx.push((await createTransaction(database, ctx, { projectId: project.id, type, amount, currency, valueDate, providerOrgId: org[provider], receiverOrgId: receiver === undefined ? null : org[receiver] })).id);
    }
    created.set(p.localId, { id: project.id, tx });
  }
  await loadNeeds(database, ctx, random, facilities, created.get('UA-GEN-110')?.tx ?? []);
  const donors = (['who', 'usaid', 'eu', 'wb', 'fcdo', 'kfw'] as const).map((k) => ({ id: org[k], ref: IATI_IDS[k] }));
  step.done(created.size);
  if (scale === 'national') await loadNationalFunding(database, ctx, random, oblasts, donors, org.moh, progress);
}

/** Needs of the first facilities; the generator needs are approved and met by the JICA generator package. */
async function loadNeeds(database: Database, ctx: CallContext, random: Random, facilities: readonly FacilityRow[], generatorTx: readonly string[]): Promise<void> {
  const needs: Omit<NeedCreate, 'facilityId'>[] = [
    // Illustrative estimates (unit prices in the currency a buyer would quote); the psychologists have none, so the gap counts them as unpriced.
    { category: 'generator', specification: 'Diesel generator set, 1,250 kVA (1 MW)', quantity: '1', unit: 'piece', priority: 'critical', neededBy: '2025-01-15', estimate: { unitPrice: '185000', currency: 'USD', date: '2024-07-01' } },
    { category: 'fuel', specification: 'Diesel fuel', quantity: '5000', unit: 'litre', priority: 'high', neededBy: '2025-02-01', estimate: { unitPrice: '55.40', currency: 'UAH', date: '2024-10-01' } },
    { category: 'medicine', specification: 'Insulin glargine 100 IU/ml', quantity: '400', unit: 'pen', priority: 'medium', neededBy: null, estimate: { unitPrice: '9.80', currency: 'EUR', date: '2024-07-01' } },
    { category: 'mental_health', specification: 'Psychologists for the trauma unit', quantity: '3', unit: 'person', priority: 'high', neededBy: '2025-06-30' },
  ];
  const [commitment, disbursement] = generatorTx;
  let generators = 0;
  // Needs are refused in temporarily occupied areas (the Ministry cannot deliver there): the demo raises them where it can.
  const access = await accessOn(database.db, new Date().toISOString());
  for (const f of facilities.filter((x) => access.reachable(x.area_path)).slice(0, 6)) {
    for (const n of needs) {
      if (random.next() > 0.8) continue;
      const need = await createNeed(database, ctx, { ...n, facilityId: f.id });
      if (n.category !== 'generator') continue;
      await decideNeed(database, ctx, need.id, 'approve', { version: need.version });
      generators += 1;
      // The first generator need is committed and delivered, the second only committed: the roll-up shows both states.
      if (commitment !== undefined && generators <= 2) await linkTransactionToNeed(database, ctx, need.id, { transactionId: commitment, quantity: '1' });
      if (disbursement !== undefined && generators === 1) await linkTransactionToNeed(database, ctx, need.id, { transactionId: disbursement, quantity: '1' });
    }
  }
}
