/**
 * Writes a HeRAMS-like survey as KoBoToolbox has it, for the status-report import's acceptance test:
 *
 *   npx tsx tools/survey-generate-heram.ts [output folder]      (default test/data/survey/)
 *
 * - heram-form.xlsx: the XLSForm (survey, choices and settings sheets; labels in English and Ukrainian; groups;
 *   choice names that are not ours, such as `part` or `insecurity`, and two questions named `status`);
 * - heram-export.xlsx: 200 submissions (20 facilities, 10 weekly visits each) in KoBo's XLSX export shape with
 *   "XML values and headers", group names in headers (`func/status`), select_multiple in one column and split
 *   into 0/1 columns (`func/barriers/staff`), and KoBo's metadata (`_id`, `_uuid`, `_submission_time`, `_index`…);
 * - heram-mapping.json: our field → the form's question, recoding its choice names to our values;
 * - heram-facilities.json: the 20 facilities the visits are of, to be created before importing.
 *
 * A seeded generator and fixed workbook dates: running it again gives the same content.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXED = new Date(Date.UTC(2025, 3, 1));

/** mulberry32: small, seeded, the same numbers on every machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20250106);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
const some = <T>(items: readonly T[], max: number): T[] => items.filter(() => rnd() < max / items.length);
const uuid = (): string => {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rnd() * 4)] ?? '8';
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

type Choice = [name: string, en: string, uk: string];
const LISTS: Record<string, Choice[]> = {
  bldg_cond: [['none', 'No damage', 'Без пошкоджень'], ['minor', 'Partially damaged (minor)', 'Частково пошкоджена'], ['major', 'Partially damaged (major)', 'Значно пошкоджена'], ['destroyed', 'Fully destroyed', 'Повністю зруйнована']],
  func_status: [['fully', 'Fully functioning', 'Повністю працює'], ['part', 'Partially functioning', 'Частково працює'], ['nonfunct', 'Not functioning', 'Не працює']],
  func_barrier: [['staff', 'Lack of staff', 'Брак персоналу'], ['supplies', 'Lack of medical supplies', 'Брак медичних виробів'], ['finance', 'Lack of finances', 'Брак фінансування'], ['equip', 'Lack of equipment', 'Брак обладнання'], ['damage', 'Physical damage', 'Фізичні пошкодження'], ['insecurity', 'Insecurity', 'Небезпека']],
  access_status: [['full', 'Fully accessible', 'Повністю доступний'], ['part', 'Partially accessible', 'Частково доступний'], ['none', 'Not accessible', 'Недоступний']],
  access_barrier: [['checkpoints', 'Checkpoints', 'Блокпости'], ['road_damage', 'Damaged roads or bridges', 'Пошкоджені дороги чи мости'], ['shelling', 'Shelling on the way', 'Обстріли дорогою'], ['distance', 'No transport', 'Немає транспорту']],
  power: [['grid', 'Power grid', 'Мережа'], ['generator', 'Generator', 'Генератор'], ['none', 'No power', 'Немає живлення']],
  water_avail: [['yes', 'Available', 'Є'], ['limited', 'Limited', 'Обмежено'], ['no', 'Not available', 'Немає']],
  cold_chain: [['func', 'Functioning', 'Працює'], ['part', 'Partially functioning', 'Частково працює'], ['nonfunct', 'Not functioning', 'Не працює'], ['na', 'Not applicable', 'Не застосовується']],
  svc_status: [['avail', 'Fully available', 'Повністю доступна'], ['part', 'Partially available', 'Частково доступна'], ['notavail', 'Not available', 'Недоступна'], ['nnp', 'Not normally provided', 'Зазвичай не надається']],
  svc_barrier: [['staff', 'Lack of staff', 'Брак персоналу'], ['supplies', 'Lack of supplies', 'Брак виробів'], ['finance', 'Lack of finances', 'Брак фінансування'], ['equip', 'Lack of equipment', 'Брак обладнання'], ['damage', 'Physical damage', 'Пошкодження'], ['insecurity', 'Insecurity', 'Небезпека'], ['access', 'Access', 'Доступ'], ['power', 'Power cuts', 'Відключення світла'], ['demand', 'No demand', 'Немає попиту']],
};
const BARRIER_CODES = { finance: 'finances', equip: 'equipment', insecurity: 'security' };

/** HeRAMS service module: the form's question name → our service code. */
const SERVICES: [question: string, code: string, en: string][] = [
  ['gen_clin', 'general_clinical', 'General clinical services'], ['emerg', 'emergency', 'Emergency care'], ['surg', 'surgery', 'Surgery'],
  ['obst', 'obstetrics', 'Obstetric care'], ['paed', 'paediatrics', 'Paediatric care'], ['epi', 'immunization', 'Immunization'],
  ['mhpss', 'mental_health_outpatient', 'Mental health (outpatient)'], ['rehab', 'rehabilitation_outpatient', 'Rehabilitation (outpatient)'],
];
const AREAS = ['UA46000000000026241', 'UA63000000000041885'];

interface Facility { code: string; choice: string; nameEn: string; nameUk: string; type: string; areaKatottg: string; services: string[] }
const FACILITIES: Facility[] = Array.from({ length: 20 }, (_, i) => {
  const n = String(i + 1).padStart(3, '0');
  const type = pick(['city_hospital', 'district_hospital', 'primary_care_center', 'rehabilitation_center'] as const);
  const services = SERVICES.map((s) => s[1]).filter((c) => ['general_clinical', 'emergency'].includes(c) || rnd() < 0.6);
  return { code: `HRM-${n}`, choice: `hf_${n}`, nameEn: `Facility ${n}`, nameUk: `Заклад ${n}`, type, areaKatottg: AREAS[i % 2] ?? '', services };
});
LISTS.hf_list = FACILITIES.map((f) => [f.choice, f.nameEn, f.nameUk]);

type Row = [type: string, name: string, en: string, uk: string, relevant?: string];
const SURVEY: Row[] = [
  ['start', 'start', '', ''], ['end', 'end', '', ''], ['today', 'today', '', ''],
  ['begin_group', 'hf', 'Health facility', 'Заклад'],
  ['select_one hf_list', 'facility', 'Facility', 'Заклад'], ['date', 'visit_date', 'Date of the visit', 'Дата відвідування'],
  ['end_group', '', '', ''],
  ['begin_group', 'condition', 'Building', 'Будівля'],
  ['select_one bldg_cond', 'building', 'Building condition', 'Стан будівлі'], ['text', 'damage_cause', 'Cause of damage', 'Причина пошкодження', "${building} != 'none'"],
  ['end_group', '', '', ''],
  ['begin_group', 'func', 'Functionality', 'Функціонування'],
  ['select_one func_status', 'status', 'Functionality', 'Функціонування'], ['select_multiple func_barrier', 'barriers', 'Why not fully functioning?', 'Чому не повністю?', "${status} != 'fully'"],
  ['end_group', '', '', ''],
  ['begin_group', 'access', 'Accessibility', 'Доступність'],
  ['select_one access_status', 'status', 'Accessibility', 'Доступність'], ['select_multiple access_barrier', 'barriers', 'Barriers to access', 'Перешкоди', "${status} != 'full'"],
  ['end_group', '', '', ''],
  ['begin_group', 'energy', 'Energy', 'Енергія'],
  ['select_one power', 'power_source', 'Main power source', 'Основне живлення'], ['decimal', 'outage_hours', 'Hours without grid power, last 7 days', 'Годин без мережі за 7 днів'],
  ['decimal', 'backup_kw', 'Backup capacity (kW)', 'Резервна потужність (кВт)'], ['decimal', 'fuel_litres', 'Fuel in stock (litres)', 'Пальне (л)'],
  ['end_group', '', '', ''],
  ['begin_group', 'wash', 'Water', 'Вода'], ['select_one water_avail', 'water', 'Running water', 'Водопостачання'], ['end_group', '', '', ''],
  ['begin_group', 'cold', 'Cold chain', 'Холодовий ланцюг'], ['select_one cold_chain', 'cold_chain', 'Cold chain', 'Холодовий ланцюг'], ['end_group', '', '', ''],
  ['begin_group', 'svc', 'Service availability', 'Доступність послуг'],
  ...SERVICES.flatMap(([q, , en]): Row[] => [['select_one svc_status', q, en, en], ['select_multiple svc_barrier', `${q}_barriers`, `${en}: barriers`, `${en}: перешкоди`, `\${${q}} = 'part' or \${${q}} = 'notavail'`]]),
  ['end_group', '', '', ''],
  ['begin_group', 'hr', 'Human resources', 'Кадри'],
  ['integer', 'rehab_beds', 'Rehabilitation beds', 'Ліжка реабілітації'], ['integer', 'therapists', 'Physical therapists', 'Фізичні терапевти'],
  ['integer', 'psychologists', 'Psychologists', 'Психологи'], ['integer', 'psychiatrists', 'Psychiatrists', 'Психіатри'],
  ['end_group', '', '', ''],
];

const workbookOf = (): ExcelJS.Workbook => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'carebridge tools/survey-generate-heram.ts';
  wb.created = FIXED;
  wb.modified = FIXED;
  return wb;
};

function formWorkbook(): ExcelJS.Workbook {
  const wb = workbookOf();
  const survey = wb.addWorksheet('survey');
  survey.addRow(['type', 'name', 'label::English (en)', 'label::Українська (uk)', 'required', 'relevant']);
  for (const [type, name, en, uk, relevant] of SURVEY) survey.addRow([type, name, en, uk, type.startsWith('select') || type === 'date' ? 'true' : '', relevant ?? '']);
  const choices = wb.addWorksheet('choices');
  choices.addRow(['list_name', 'name', 'label::English (en)', 'label::Українська (uk)']);
  for (const [list, items] of Object.entries(LISTS)) for (const [name, en, uk] of items) choices.addRow([list, name, en, uk]);
  const settings = wb.addWorksheet('settings');
  settings.addRow(['form_title', 'form_id', 'version', 'default_language']);
  settings.addRow(['HeRAMS Ukraine: facility status (Carebridge test form)', 'herams_ua_status', '2025-01', 'English (en)']);
  return wb;
}

/** Export columns in KoBo's order: questions (a select_multiple followed by its split columns), then metadata. */
function exportHeader(): string[] {
  const header: string[] = [];
  const groups: string[] = [];
  for (const [type, name] of SURVEY) {
    if (type === 'begin_group') groups.push(name);
    else if (type === 'end_group') groups.pop();
    else {
      const path = [...groups, name].join('/');
      header.push(path);
      if (type.startsWith('select_multiple ')) for (const [choice] of LISTS[type.split(' ')[1] ?? ''] ?? []) header.push(`${path}/${choice}`);
    }
  }
  return [...header, '__version__', '_id', '_uuid', '_submission_time', '_validation_status', '_notes', '_status', '_submitted_by', '_tags', '_index'];
}

/** One submission: answers by column, empty where a question was not relevant (its split columns too). */
function submission(f: Facility, visit: number, index: number): Record<string, string | number> {
  const day = new Date(Date.UTC(2025, 0, 6 + 7 * visit));
  const date = day.toISOString().slice(0, 10);
  const a: Record<string, string | number> = {};
  const multiple = (path: string, list: string, chosen: string[]) => {
    a[path] = chosen.join(' ');
    for (const [c] of LISTS[list] ?? []) a[`${path}/${c}`] = chosen.includes(c) ? 1 : 0;
  };
  a.start = `${date}T09:${String(10 + (index % 40)).padStart(2, '0')}:00.000+02:00`;
  a.end = `${date}T09:${String(20 + (index % 39)).padStart(2, '0')}:00.000+02:00`;
  a.today = date;
  a['hf/facility'] = f.choice;
  a['hf/visit_date'] = date;
  const building = pick(['none', 'none', 'minor', 'major', 'destroyed']);
  a['condition/building'] = building;
  if (building !== 'none') a['condition/damage_cause'] = pick(['Shelling', 'Drone strike', 'Missile strike nearby', 'Blast wave']);
  const func = building === 'destroyed' ? 'nonfunct' : pick(['fully', 'part', 'part', 'nonfunct']);
  a['func/status'] = func;
  if (func !== 'fully') multiple('func/barriers', 'func_barrier', some(['staff', 'supplies', 'finance', 'equip', 'damage', 'insecurity'], 2));
  const access = pick(['full', 'full', 'part', 'none']);
  a['access/status'] = access;
  if (access !== 'full') multiple('access/barriers', 'access_barrier', some(['checkpoints', 'road_damage', 'shelling', 'distance'], 2));
  const power = pick(['grid', 'grid', 'generator', 'none']);
  a['energy/power_source'] = power;
  a['energy/outage_hours'] = power === 'grid' ? Math.round(rnd() * 400) / 10 : 168;
  if (power === 'generator') {
    a['energy/backup_kw'] = pick([30, 60, 100, 250]);
    a['energy/fuel_litres'] = Math.round(rnd() * 2000);
  }
  a['wash/water'] = pick(['yes', 'yes', 'limited', 'no']);
  a['cold/cold_chain'] = pick(['func', 'func', 'part', 'nonfunct', 'na']);
  for (const [q, code] of SERVICES) {
    const status = f.services.includes(code) ? (func === 'nonfunct' ? 'notavail' : pick(['avail', 'avail', 'part', 'notavail'])) : 'nnp';
    a[`svc/${q}`] = status;
    if (status === 'part' || status === 'notavail') multiple(`svc/${q}_barriers`, 'svc_barrier', some(['staff', 'supplies', 'finance', 'equip', 'damage', 'insecurity', 'access', 'power', 'demand'], 2).slice(0, 3));
  }
  if (f.services.includes('rehabilitation_outpatient') || f.type === 'rehabilitation_center') {
    a['hr/rehab_beds'] = Math.floor(rnd() * 40);
    a['hr/therapists'] = Math.floor(rnd() * 12);
  }
  if (f.services.includes('mental_health_outpatient')) {
    a['hr/psychologists'] = Math.floor(rnd() * 6);
    a['hr/psychiatrists'] = Math.floor(rnd() * 3);
  }
  a.__version__ = 'vQ8iYxtbYkFh4m2nPZa3C7';
  a._id = 418_220_000 + index * 7;
  a._uuid = uuid();
  a._submission_time = `${date}T${String(10 + (index % 10)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}:17`;
  a._status = 'submitted_via_web';
  a._tags = '';
  a._index = index;
  return a;
}

function exportWorkbook(): ExcelJS.Workbook {
  const wb = workbookOf();
  const sheet = wb.addWorksheet('HeRAMS Ukraine facility status');
  const header = exportHeader();
  sheet.addRow(header);
  let index = 0;
  for (let visit = 0; visit < 10; visit += 1) {
    for (const f of FACILITIES) {
      index += 1;
      const a = submission(f, visit, index);
      sheet.addRow(header.map((h) => a[h] ?? ''));
    }
  }
  return wb;
}

const recode = (pairs: Record<string, string>, list: string): Record<string, string> => Object.fromEntries((LISTS[list] ?? []).map(([name]) => [name, pairs[name] ?? name]));
const mapping = {
  facilityCode: { column: 'hf/facility', values: Object.fromEntries(FACILITIES.map((f) => [f.choice, f.code])) },
  observedAt: 'hf/visit_date',
  buildingCondition: { column: 'condition/building', values: { none: 'not_damaged', minor: 'slightly_damaged', major: 'substantially_damaged', destroyed: 'fully_damaged' } },
  buildingCause: 'condition/damage_cause',
  functionality: { column: 'func/status', values: { fully: 'fully', part: 'partially', nonfunct: 'not_functioning' } },
  functionalityReasons: { column: 'func/barriers', values: recode(BARRIER_CODES, 'func_barrier') },
  accessibility: { column: 'access/status', values: { full: 'fully', part: 'partially', none: 'not_accessible' } },
  accessibilityBarriers: { column: 'access/barriers', values: Object.fromEntries((LISTS.access_barrier ?? []).map(([name, en]) => [name, en])) },
  powerSource: 'energy/power_source',
  outageHours7d: 'energy/outage_hours',
  backupKw: 'energy/backup_kw',
  fuelLitres: 'energy/fuel_litres',
  water: { column: 'wash/water', values: { yes: 'available', limited: 'limited', no: 'not_available' } },
  coldChain: { column: 'cold/cold_chain', values: { func: 'functioning', part: 'partially', nonfunct: 'not_functioning', na: 'not_applicable' } },
  ...Object.fromEntries(SERVICES.flatMap(([q, code]) => [
    [`services.${code}`, { column: `svc/${q}`, values: { avail: 'available', part: 'partially', notavail: 'not_available', nnp: 'not_normally_provided' } }],
    [`serviceReasons.${code}`, { column: `svc/${q}_barriers`, values: recode(BARRIER_CODES, 'svc_barrier') }],
  ])),
  rehabBeds: 'hr/rehab_beds',
  therapists: 'hr/therapists',
  psychologists: 'hr/psychologists',
  psychiatrists: 'hr/psychiatrists',
};

const out = resolve(process.argv[2] ?? resolve(root, 'test/data/survey'));
mkdirSync(out, { recursive: true });
await formWorkbook().xlsx.writeFile(resolve(out, 'heram-form.xlsx'));
await exportWorkbook().xlsx.writeFile(resolve(out, 'heram-export.xlsx'));
writeFileSync(resolve(out, 'heram-mapping.json'), `${JSON.stringify(mapping, null, 2)}\n`);
writeFileSync(resolve(out, 'heram-facilities.json'), `${JSON.stringify(FACILITIES.map(({ choice: _choice, ...f }) => f), null, 2)}\n`);
process.stdout.write(`Wrote heram-form.xlsx, heram-export.xlsx (200 submissions), heram-mapping.json and heram-facilities.json to ${out}\n`);
