import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import type { FacilityRow } from '../modules/facilities/facilities.tables.js';
import { createProject } from '../modules/funding/projects.service.js';
import { createTransaction } from '../modules/funding/transactions.service.js';
import { createAgreement } from '../modules/partnerships/agreements.service.js';
import { linkProject } from '../modules/partnerships/links.service.js';
import { createMeeting } from '../modules/partnerships/meetings.service.js';
import type { PriorityArea } from '../modules/partnerships/partnerships.schema.js';
import type { DemoScale } from './demo.js';
import type { Random } from './random.js';

const CODELISTS = '../shared/data/iati-2.03/codelists';

async function orgId(database: Database, by: { iati?: string; nameEn?: string }): Promise<string> {
  let q = database.db.selectFrom('organizations').select('id');
  if (by.iati !== undefined) q = q.where('iati_org_id', '=', by.iati);
  if (by.nameEn !== undefined) q = q.where('name_en', '=', by.nameEn);
  const row = await q.executeTakeFirst();
  if (row === undefined) throw new Error(`demo organisation ${by.iati ?? by.nameEn ?? ''} is missing`);
  return row.id;
}

/** The funding demo's projects, found by IATI identifier (absent ones are skipped: the funding demo may change). */
async function projectIds(database: Database, identifiers: readonly string[]): Promise<Map<string, string>> {
  const rows = await database.db.selectFrom('projects').select(['id', 'iati_identifier']).where('iati_identifier', 'in', [...identifiers]).execute();
  return new Map(rows.map((r) => [r.iati_identifier, r.id]));
}

/**
 * The funding demo's Japanese health projects and the areas they serve, by IATI identifier. Identifiers from
 * earlier versions of the funding demo are listed too; whichever exist are linked.
 */
const FUNDING_LINKS: readonly (readonly [identifier: string, areas: readonly PriorityArea[]])[] = [
  ['XM-DAC-701-8-UA-GEN-110', ['energy_autonomy']],
  ['XM-DAC-701-8-UA-GEN-2024', ['energy_autonomy']],
  ['XM-DAC-701-8-UA-REB-HOSP', ['infrastructure_reconstruction']],
  ['XM-DAC-701-8-UA-REB-2024', ['infrastructure_reconstruction']],
  ['XM-DAC-701-8-UA-MED-PROGRAMME', ['infrastructure_reconstruction', 'medicines']],
];
const WHO_PROJECT = 'XM-DAC-928-UKR-PHC-2024';

/** Projects that follow from the May 2024 meeting, with their money, reported by JICA (illustrative figures). */
const FOLLOW_UP_PROJECTS = [
  { localId: 'UA-REH-2024', area: 'rehabilitation', sector: '12191', title: { en: 'Rehabilitation equipment for regional centres', uk: 'Обладнання для обласних реабілітаційних центрів', ja: '州リハビリテーションセンターへの機材供与' }, committed: '620000000', disbursed: '210000000', start: '2024-08-01' },
  { localId: 'UA-MH-2024', area: 'mental_health', sector: '12191', title: { en: 'Mental health services in primary care', uk: 'Послуги психічного здоров’я в первинній ланці', ja: 'プライマリケアにおけるメンタルヘルス支援' }, committed: '240000000', disbursed: '95000000', start: '2024-09-01' },
  { localId: 'UA-EQ-2024', area: 'medical_equipment', sector: '12230', title: { en: 'Diagnostic equipment for hospitals', uk: 'Діагностичне обладнання для лікарень', ja: '病院向け診断機器' }, committed: '1100000000', disbursed: '480000000', start: '2024-07-01' },
  { localId: 'UA-TM-2025', area: 'innovative_technologies_telemedicine', sector: '12110', title: { en: 'Telemedicine links for frontline hospitals', uk: 'Телемедицина для прифронтових лікарень', ja: '前線病院の遠隔医療' }, committed: '180000000', disbursed: '0', start: '2025-01-15' },
] as const;

const t = (en: string, uk: string, ja: string) => ({ en, uk, ja });

/**
 * Demo data of partnerships: the Ministry's cooperation with Japan (an agreement
 * in force, the May 2024 meeting with its decisions and action items, the
 * generator package target, the projects that follow), a WHO programme and a
 * draft framework with the Red Cross. Names of signatories are invented.
 */
export async function loadPartnershipsDemo(database: Database, ctx: CallContext, _random: Random, facilities: readonly FacilityRow[], _scale: DemoScale): Promise<void> {
  const [ministry, japan, jica, embassy, who, redCross] = await Promise.all([
    orgId(database, { iati: 'UA-EDR-00012925' }),
    orgId(database, { iati: 'XM-DAC-701' }),
    orgId(database, { iati: 'XM-DAC-701-8' }),
    orgId(database, { nameEn: 'Embassy of Japan in Ukraine' }),
    orgId(database, { iati: 'XM-DAC-928' }),
    orgId(database, { nameEn: 'Ukrainian Red Cross Society' }),
  ]);
  const existing = await projectIds(database, [...FUNDING_LINKS.map(([identifier]) => identifier), WHO_PROJECT]);
  const reached = facilities.slice(10, 60).map((f) => f.id);

  const japanAgreement = await createAgreement(database, ctx, {
    kind: 'memorandum',
    title: t(
      'Memorandum of cooperation on the recovery of Ukraine’s health system',
      'Меморандум про співпрацю з відновлення системи охорони здоров’я України',
      'ウクライナ保健医療システムの復興に関する協力覚書',
    ),
    status: 'in_force',
    signedOn: '2024-02-19',
    startDate: '2024-02-19',
    endDate: '2027-02-18',
    partnerIds: [japan, embassy, jica],
    signatories: [
      { name: 'O. Petrenko', position: 'Deputy Minister of Health of Ukraine', organizationId: ministry },
      { name: 'K. Tanaka', position: 'Ambassador (demo signatory)', organizationId: embassy },
      { name: 'H. Suzuki', position: 'Chief Representative, JICA Ukraine Office', organizationId: jica },
    ],
    areas: [
      { area: 'infrastructure_reconstruction', targets: [{ quantity: '3', unit: 'facilities' }] },
      { area: 'medicines', targets: [] },
      { area: 'medical_equipment', targets: [{ quantity: '40', unit: 'facilities' }] },
      { area: 'rehabilitation', targets: [{ quantity: '12', unit: 'facilities' }] },
      { area: 'mental_health', targets: [{ quantity: '1000', unit: 'specialists trained' }] },
      { area: 'innovative_technologies_telemedicine', targets: [{ quantity: '20', unit: 'facilities' }] },
      { area: 'energy_autonomy', targets: [{ quantity: '110', unit: 'generators' }, { quantity: '135', unit: 'MW' }] },
    ],
    pledges: [{ amount: '15800000000', currency: 'JPY', note: 'Health share of the 2024 recovery package (illustrative)' }],
  });

  const links: { projectId: string; area: PriorityArea }[] = FUNDING_LINKS.flatMap(([identifier, areas]) => {
    const projectId = existing.get(identifier);
    return projectId === undefined ? [] : areas.map((area) => ({ projectId, area }));
  });
  for (const [i, p] of FOLLOW_UP_PROJECTS.entries()) {
    const project = await createProject(database, ctx, {
      reportingOrgId: jica, localId: p.localId, title: p.title, description: { en: `${p.title.en}: follows from the May 2024 meeting.` }, status: '2', startDate: p.start, endDate: '2027-02-18', humanitarian: true,
      participants: [{ organizationId: japan, role: 'funding' }, { organizationId: jica, role: 'extending' }, { organizationId: ministry, role: 'implementing' }],
      sectors: [{ vocabulary: '1', code: p.sector, percentage: 100 }],
      locations: { areas: [], facilities: reached.slice(i * 12, i * 12 + 12) },
      budgets: [],
    }, CODELISTS);
    await createTransaction(database, ctx, { projectId: project.id, type: '2', amount: p.committed, currency: 'JPY', valueDate: p.start, providerOrgId: jica, receiverOrgId: ministry });
    if (p.disbursed !== '0') await createTransaction(database, ctx, { projectId: project.id, type: '3', amount: p.disbursed, currency: 'JPY', valueDate: '2024-10-01', providerOrgId: jica, receiverOrgId: ministry });
    links.push({ projectId: project.id, area: p.area });
    if (p.area === 'medical_equipment') links.push({ projectId: project.id, area: 'medicines' });
  }
  for (const l of links) await linkProject(database, ctx, japanAgreement.id, l);

  await createMeeting(database, ctx, {
    agreementId: japanAgreement.id,
    heldOn: '2024-05-16',
    title: t('Ukraine–Japan health cooperation meeting', 'Зустріч з питань співпраці України та Японії в охороні здоров’я', '日・ウクライナ保健協力会合'),
    place: 'Kyiv',
    participants: [
      { organizationId: ministry, role: 'Minister of Health' },
      { organizationId: japan, role: 'Office for Ukraine’s economic recovery' },
      { organizationId: embassy, role: 'Ambassador' },
      { organizationId: jica, role: 'Chief Representative, JICA Ukraine Office' },
    ],
    areas: ['infrastructure_reconstruction', 'medicines', 'medical_equipment', 'rehabilitation', 'mental_health', 'innovative_technologies_telemedicine', 'energy_autonomy'],
    decisions: [
      { area: 'infrastructure_reconstruction', text: t('Continue support for rebuilding damaged medical infrastructure', 'Продовжити підтримку відбудови пошкодженої медичної інфраструктури', '被害を受けた医療インフラの再建支援を継続する') },
      { area: 'medical_equipment', text: t('Continue the supply of medicines and medical equipment', 'Продовжити постачання ліків і медичного обладнання', '医薬品と医療機材の供与を継続する') },
      { area: 'rehabilitation', text: t('Support rehabilitation services', 'Підтримати послуги реабілітації', 'リハビリテーションサービスを支援する') },
      { area: 'mental_health', text: t('Support mental health care', 'Підтримати допомогу в сфері психічного здоров’я', 'メンタルヘルスケアを支援する') },
      { area: 'innovative_technologies_telemedicine', text: t('Introduce innovative technologies, telemedicine first', 'Запроваджувати інноваційні технології, насамперед телемедицину', '遠隔医療をはじめとする革新的技術を導入する') },
      { area: 'energy_autonomy', text: t('Ensure the autonomous operation of facilities: a package of 110 generators (about 135 MW)', 'Забезпечити автономну роботу закладів: пакет із 110 генераторів (близько 135 МВт)', '医療施設の自立運転を確保する：発電機110台（約135MW）のパッケージ') },
    ],
    actionItems: [
      { area: 'energy_autonomy', text: t('List the hospitals that need generators, by oblast', 'Скласти перелік лікарень, яким потрібні генератори, за областями', '発電機を必要とする病院を州別に一覧化する'), owner: 'Ministry of Health, energy unit', ownerOrgId: ministry, dueOn: '2024-06-30', status: 'done' },
      { area: 'energy_autonomy', text: t('Agree the delivery schedule of the generator package', 'Погодити графік постачання пакета генераторів', '発電機パッケージの納入スケジュールを合意する'), owner: 'JICA Ukraine Office', ownerOrgId: jica, dueOn: '2024-07-31', status: 'in_progress' },
      { area: 'infrastructure_reconstruction', text: t('Send the damage assessment of the surgical block', 'Надіслати оцінку пошкоджень хірургічного корпусу', '外科棟の被害評価を送付する'), owner: 'Ministry of Health, reconstruction department', ownerOrgId: ministry, dueOn: '2024-09-01', status: 'open' },
      { area: 'innovative_technologies_telemedicine', text: t('Propose a telemedicine pilot for frontline hospitals', 'Запропонувати пілот телемедицини для прифронтових лікарень', '前線病院向け遠隔医療パイロットを提案する'), owner: 'Embassy of Japan, economic section', ownerOrgId: embassy, dueOn: '2025-03-31', status: 'open' },
      { area: 'rehabilitation', text: t('Specify rehabilitation equipment for the regional centres', 'Визначити специфікації реабілітаційного обладнання для обласних центрів', '州リハビリセンター向け機材の仕様を決める'), owner: 'Ministry of Health, rehabilitation directorate', ownerOrgId: ministry, dueOn: '2027-06-30', status: 'open' },
    ],
  });

  const whoAgreement = await createAgreement(database, ctx, {
    kind: 'programme',
    title: t('Biennial collaborative programme 2024–2025', 'Дворічна програма співпраці на 2024–2025 роки', '2024–2025年 二年間協力プログラム'),
    status: 'expired', signedOn: '2024-01-02', startDate: '2024-01-02', endDate: '2025-12-31',
    partnerIds: [who],
    signatories: [{ name: 'M. Ivanenko', position: 'Deputy Minister of Health of Ukraine', organizationId: ministry }],
    areas: [{ area: 'medicines', targets: [] }, { area: 'mental_health', targets: [{ quantity: '50', unit: 'facilities' }] }, { area: 'workforce', targets: [] }],
    pledges: [{ amount: '2500000', currency: 'EUR' }],
  });
  const phc = existing.get(WHO_PROJECT);
  if (phc !== undefined) for (const area of ['medicines', 'mental_health'] as const) await linkProject(database, ctx, whoAgreement.id, { projectId: phc, area });
  await createMeeting(database, ctx, {
    agreementId: whoAgreement.id, heldOn: '2024-09-12', title: t('Programme review', 'Огляд програми', 'プログラムレビュー'), place: 'Kyiv',
    participants: [{ organizationId: ministry, role: 'Deputy Minister' }, { organizationId: who, role: 'Head of the WHO Country Office' }],
    areas: ['medicines', 'mental_health'],
    decisions: [{ area: 'mental_health', text: t('Extend mental health services to more primary care facilities', 'Поширити послуги психічного здоров’я на більше закладів первинної допомоги', 'メンタルヘルスサービスをより多くのプライマリケア施設に広げる') }],
    actionItems: [{ area: 'medicines', text: t('Share the essential medicines gap analysis', 'Надати аналіз дефіциту основних ліків', '必須医薬品の不足分析を共有する'), owner: 'WHO Country Office', ownerOrgId: who, dueOn: '2024-11-15', status: 'open' }],
  });

  await createAgreement(database, ctx, {
    kind: 'framework_agreement',
    title: t('Framework agreement on rehabilitation and psychosocial support', 'Рамкова угода щодо реабілітації та психосоціальної підтримки', 'リハビリテーションと心理社会的支援に関する枠組み協定'),
    status: 'draft', signedOn: null, startDate: '2025-01-01', endDate: null,
    partnerIds: [redCross], signatories: [], pledges: [],
    areas: [{ area: 'rehabilitation', targets: [] }, { area: 'mental_health', targets: [] }],
  });
}
