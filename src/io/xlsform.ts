import type ExcelJS from 'exceljs';
import { loadExcelJs } from './exceljs.js';

/** One choice of a list in the `choices` sheet: its name (the XML value) and its labels in every language. */
export interface FormChoice {
  name: string;
  labels: string[];
}

/** A question of the `survey` sheet, with its group path (`group/sub/name`) as KoBo names its export column. */
export interface FormQuestion {
  path: string;
  name: string;
  /** `select_one`, `select_multiple`, or the XLSForm type as written (`integer`, `date`, `text`, …). */
  kind: string;
  /** The choices list of a select question. */
  list?: string;
  labels: string[];
}

export interface SurveyForm {
  questions: FormQuestion[];
  choices: Map<string, FormChoice[]>;
}

export interface XlsFormProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

/** `sheet "survey", row 5, column "type": …`, leaving out what is not known. */
export const describeProblem = (p: XlsFormProblem): string =>
  [p.sheet === '' ? '' : `sheet "${p.sheet}"`, p.row > 0 ? `row ${p.row}` : '', p.column === '' ? '' : `column "${p.column}"`].filter((s) => s !== '').join(', ').concat(p.sheet === '' ? p.message : `: ${p.message}`);

/** A form that cannot be used, with the sheet, row and column at fault. */
export class XlsFormError extends Error {
  constructor(readonly problems: XlsFormProblem[]) {
    super(problems.map(describeProblem).join('; '));
  }
}

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return text(value.result);
    return '';
  }
  return String(value).trim();
}

/** A sheet as rows of cells keyed by its (lower-cased) header, with spreadsheet row numbers. */
function rowsOf(sheet: ExcelJS.Worksheet): { header: string[]; rows: { row: number; cells: Record<string, string> }[] } {
  const header = ((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1) ?? []).map((v) => text(v).toLowerCase());
  const rows: { row: number; cells: Record<string, string> }[] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const values = (r.values as ExcelJS.CellValue[]).slice(1);
    const cells: Record<string, string> = {};
    header.forEach((h, i) => (cells[h] = text(values[i])));
    if (Object.values(cells).some((c) => c !== '')) rows.push({ row: n, cells });
  });
  return { header, rows };
}

// Labels come as `label` or one column per language (`label::English (en)`); every one may appear in an export.
const labelsOf = (header: readonly string[], cells: Record<string, string>): string[] =>
  header.filter((h) => h === 'label' || h.startsWith('label::')).map((h) => cells[h] ?? '').filter((l) => l !== '');

const sheetNamed = (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined => workbook.worksheets.find((s) => s.name.trim().toLowerCase() === name);

/**
 * Reads an XLSForm (the form definition KoBoToolbox and ODK build from): the `survey` sheet's questions with
 * their group paths, and the `choices` sheet's lists. Every problem is collected, naming sheet, row and column.
 */
export async function readXlsForm(input: Buffer | ArrayBuffer): Promise<SurveyForm> {
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.load(input as ArrayBuffer);
  } catch {
    // The zip library's own message (central directories, its web site) says nothing to the person importing.
    throw new XlsFormError([{ sheet: '', row: 0, column: '', message: 'the XLSForm is not a readable XLSX workbook (save the form from Excel, KoBoToolbox or ODK as .xlsx)' }]);
  }
  const surveySheet = sheetNamed(workbook, 'survey');
  const choicesSheet = sheetNamed(workbook, 'choices');
  const missing = [
    ...(surveySheet === undefined ? [{ sheet: 'survey', row: 0, column: '', message: 'the XLSForm has no "survey" sheet (the questions)' }] : []),
    ...(choicesSheet === undefined ? [{ sheet: 'choices', row: 0, column: '', message: 'the XLSForm has no "choices" sheet: select_one and select_multiple questions need their choice lists' }] : []),
  ];
  if (surveySheet === undefined || choicesSheet === undefined) throw new XlsFormError(missing);
  const problems: XlsFormProblem[] = [];

  const choices = new Map<string, FormChoice[]>();
  const c = rowsOf(choicesSheet);
  const listColumn = c.header.includes('list_name') ? 'list_name' : c.header.includes('list name') ? 'list name' : undefined;
  for (const col of [listColumn ?? 'list_name', 'name']) if (!c.header.includes(col)) problems.push({ sheet: 'choices', row: 1, column: col, message: 'required column is missing' });
  if (listColumn !== undefined && c.header.includes('name')) {
    for (const { row, cells } of c.rows) {
      const list = cells[listColumn] ?? '';
      const name = cells.name ?? '';
      if (list === '' || name === '') {
        problems.push({ sheet: 'choices', row, column: list === '' ? listColumn : 'name', message: 'is empty' });
        continue;
      }
      const items = choices.get(list) ?? [];
      if (items.some((i) => i.name === name)) problems.push({ sheet: 'choices', row, column: 'name', message: `"${name}" appears twice in list "${list}"` });
      items.push({ name, labels: labelsOf(c.header, cells) });
      choices.set(list, items);
    }
  }

  const questions: FormQuestion[] = [];
  const s = rowsOf(surveySheet);
  for (const col of ['type', 'name']) if (!s.header.includes(col)) problems.push({ sheet: 'survey', row: 1, column: col, message: 'required column is missing' });
  const groups: { name: string; row: number }[] = [];
  for (const { row, cells } of s.rows) {
    const [type = '', list, ...rest] = (cells.type ?? '').toLowerCase().split(/\s+/);
    const name = cells.name ?? '';
    if (/^begin[ _](group|repeat)$/.test(type)) {
      groups.push({ name, row });
      continue;
    }
    if (/^end[ _](group|repeat)$/.test(type)) {
      if (groups.pop() === undefined) problems.push({ sheet: 'survey', row, column: 'type', message: `${type} without a matching begin` });
      continue;
    }
    if (type === '' || name === '') continue;
    const path = [...groups.map((g) => g.name).filter((g) => g !== ''), name].join('/');
    const question: FormQuestion = { path, name, kind: type, labels: labelsOf(s.header, cells) };
    if (type === 'select_one' || type === 'select_multiple') {
      // `select_one yes_no or_other` allows "other" besides the list's choices.
      const listName = (cells.type ?? '').trim().split(/\s+/)[1] ?? '';
      if (list === undefined || !choices.has(listName)) {
        problems.push({ sheet: 'survey', row, column: 'type', message: list === undefined ? `${type} needs a list name` : `list "${listName}" is not in the choices sheet (lists: ${[...choices.keys()].join(', ')})` });
      } else if (rest[0] === 'or_other' && !(choices.get(listName) ?? []).some((ch) => ch.name === 'other')) {
        choices.set(listName, [...(choices.get(listName) ?? []), { name: 'other', labels: ['Other'] }]);
      }
      question.list = listName;
    }
    questions.push(question);
  }
  for (const g of groups) problems.push({ sheet: 'survey', row: g.row, column: 'type', message: `group "${g.name}" is never closed (end_group)` });
  if (problems.length > 0) throw new XlsFormError(problems);
  return { questions, choices };
}
