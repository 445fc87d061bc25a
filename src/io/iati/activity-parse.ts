import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { RowError } from '../../errors.js';
import type { IatiActivity, IatiIndicator, IatiOrg, IatiReconstruction, IatiResult, IatiText, IatiTransaction } from './activity-xml.js';

/**
 * Reads an IATI 2.03 activities document, streamed, one activity at a time, into
 * the same shape the writer takes (activity-xml.ts), so our own export reads back
 * field for field. Only the structure is checked here; codes and business rules
 * are the importer's. A problem is a RowError: `row` is the activity's position
 * (1-based; 0 for the document), `column` the element path inside it, e.g.
 * "sector[2]/@percentage".
 */

/** One element: attributes as "@name", trimmed text as "#text", children by tag name in document order. */
interface XmlNode {
  [key: string]: string | XmlNode[] | undefined;
}

const nodes = (v: XmlNode[] | string | undefined): XmlNode[] => (Array.isArray(v) ? v : []);
const node = (v: XmlNode[] | string | undefined): XmlNode | undefined => nodes(v)[0];
const attr = (n: XmlNode | undefined, name: string): string | undefined => {
  const v = n?.[`@${name}`];
  return typeof v === 'string' ? v : undefined;
};
const text = (n: XmlNode | undefined): string | undefined => {
  if (n === undefined) return undefined;
  const v = n['#text'];
  return typeof v === 'string' ? v : '';
};

class ActivityReader {
  readonly errors: RowError[] = [];
  constructor(
    private readonly row: number,
    private readonly label: string,
  ) {}

  problem(column: string, message: string): void {
    this.errors.push({ row: this.row, column, message: `activity ${this.label}: ${message}` });
  }

  required(n: XmlNode | undefined, name: string, path: string): string {
    const v = attr(n, name);
    if (v === undefined || v === '') this.problem(`${path}/@${name}`, 'is required');
    return v ?? '';
  }

  /** Narratives: the one without xml:lang is English (the activity's xml:lang); uk and ja are kept; others are refused. */
  narratives(n: XmlNode | undefined, path: string): IatiText {
    const out: IatiText = { en: '' };
    nodes(n?.narrative).forEach((x, i) => {
      const lang = attr(x, 'xml:lang') ?? 'en';
      if (lang !== 'en' && lang !== 'uk' && lang !== 'ja') this.problem(`${path}/narrative[${i + 1}]/@xml:lang`, `language "${lang}" is not kept (en, uk, ja)`);
      else out[lang] = text(x) ?? '';
    });
    if (out.en === '') this.problem(`${path}/narrative`, 'needs an English narrative (no xml:lang)');
    return out;
  }

  bool(value: string | undefined, path: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (value === '1' || value === 'true') return true;
    if (value === '0' || value === 'false') return false;
    this.problem(path, `"${value}" is not a boolean (1, 0, true, false)`);
    return fallback;
  }

  number(value: string | undefined, path: string): number {
    const n = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(n)) this.problem(path, `"${value ?? ''}" is not a number`);
    return Number.isFinite(n) ? n : 0;
  }

  org(n: XmlNode | undefined, path: string): IatiOrg {
    const names = this.narratives(n, path);
    return { ref: attr(n, 'ref') ?? null, type: attr(n, 'type') ?? '', name: names.en, nameUk: names.uk, ourType: attr(n, 'cb:type'), country: attr(n, 'cb:country') ?? null };
  }

  value(n: XmlNode | undefined, path: string, defaultCurrency: string | undefined): { amount: string; currency: string; valueDate: string | undefined } {
    const v = node(n?.value);
    if (v === undefined) this.problem(`${path}/value`, 'is required');
    const currency = attr(v, 'currency') ?? defaultCurrency;
    if (currency === undefined) this.problem(`${path}/value/@currency`, 'is required (or a default-currency on the activity)');
    return { amount: text(v) ?? '', currency: currency ?? '', valueDate: attr(v, 'value-date') };
  }

  transaction(n: XmlNode, path: string, defaultCurrency: string | undefined): IatiTransaction {
    const date = this.required(node(n['transaction-date']), 'iso-date', `${path}/transaction-date`);
    const value = this.value(n, path, defaultCurrency);
    const description = node(n.description);
    return {
      type: this.required(node(n['transaction-type']), 'code', `${path}/transaction-type`),
      date, amount: value.amount, currency: value.currency, valueDate: value.valueDate ?? date,
      description: description === undefined ? null : this.narratives(description, `${path}/description`).en,
      provider: n['provider-org'] === undefined ? null : this.org(node(n['provider-org']), `${path}/provider-org`),
      receiver: n['receiver-org'] === undefined ? null : this.org(node(n['receiver-org']), `${path}/receiver-org`),
    };
  }

  indicator(n: XmlNode, path: string): IatiIndicator {
    const baseline = node(n.baseline);
    return {
      measure: this.required(n, 'measure', path),
      ascending: this.bool(attr(n, 'ascending'), `${path}/@ascending`, true),
      title: this.narratives(node(n.title), `${path}/title`),
      baseline: baseline === undefined ? null : { year: this.number(attr(baseline, 'year'), `${path}/baseline/@year`), value: attr(baseline, 'value') ?? '0' },
      periods: nodes(n.period).map((p, k) => ({
        periodStart: this.required(node(p['period-start']), 'iso-date', `${path}/period[${k + 1}]/period-start`),
        periodEnd: this.required(node(p['period-end']), 'iso-date', `${path}/period[${k + 1}]/period-end`),
        target: attr(node(p.target), 'value') ?? null,
        actual: attr(node(p.actual), 'value') ?? null,
      })),
    };
  }

  result(n: XmlNode, path: string): IatiResult {
    return {
      type: this.required(n, 'type', path),
      aggregationStatus: this.bool(attr(n, 'aggregation-status'), `${path}/@aggregation-status`, false),
      title: this.narratives(node(n.title), `${path}/title`),
      indicators: nodes(n.indicator).map((x, j) => this.indicator(x, `${path}/indicator[${j + 1}]`)),
    };
  }

  reconstruction(n: XmlNode | undefined): IatiReconstruction | null {
    if (n === undefined) return null;
    const path = 'cb:reconstruction';
    return {
      phase: this.required(n, 'phase', path),
      percentComplete: this.number(attr(n, 'percent-complete'), `${path}/@percent-complete`),
      ocid: attr(n, 'ocid') ?? null,
      milestones: nodes(n['cb:milestone']).map((m, i) => ({
        name: this.required(m, 'name', `${path}/cb:milestone[${i + 1}]`),
        due: this.required(m, 'due', `${path}/cb:milestone[${i + 1}]`),
        done: this.bool(attr(m, 'done'), `${path}/cb:milestone[${i + 1}]/@done`, false),
      })),
    };
  }

  activity(a: XmlNode): IatiActivity {
    const defaultCurrency = attr(a, 'default-currency');
    const reporting = node(a['reporting-org']);
    if (reporting === undefined) this.problem('reporting-org', 'is required');
    const dates = nodes(a['activity-date']);
    const dateOf = (...types: string[]) => attr(dates.find((d) => types.includes(attr(d, 'type') ?? '')), 'iso-date');
    const startDate = dateOf('1', '2');
    if (startDate === undefined) this.problem('activity-date', 'a start date (type 1 or 2) is required');
    return {
      identifier: this.label,
      lastUpdated: attr(a, 'last-updated-datetime') ?? '',
      defaultCurrency: defaultCurrency ?? '',
      humanitarian: this.bool(attr(a, 'humanitarian'), '@humanitarian', false),
      reportingOrg: { ...this.org(reporting, 'reporting-org'), ref: this.required(reporting, 'ref', 'reporting-org') },
      title: this.narratives(node(a.title), 'title'),
      description: this.narratives(node(a.description), 'description[1]'),
      participants: nodes(a['participating-org']).map((p, i) => ({ ...this.org(p, `participating-org[${i + 1}]`), role: this.required(p, 'role', `participating-org[${i + 1}]`) })),
      status: this.required(node(a['activity-status']), 'code', 'activity-status'),
      startDate: startDate ?? '',
      endDate: dateOf('3', '4') ?? null,
      locations: nodes(a.location).map((l, i) => this.required(l, 'ref', `location[${i + 1}]`)),
      sectors: nodes(a.sector).map((s, i) => ({ vocabulary: attr(s, 'vocabulary') ?? '1', code: this.required(s, 'code', `sector[${i + 1}]`), percentage: this.number(attr(s, 'percentage') ?? '100', `sector[${i + 1}]/@percentage`) })),
      budgets: nodes(a.budget).map((b, i) => {
        const path = `budget[${i + 1}]`;
        const periodStart = this.required(node(b['period-start']), 'iso-date', `${path}/period-start`);
        const value = this.value(b, path, defaultCurrency);
        return { periodStart, periodEnd: this.required(node(b['period-end']), 'iso-date', `${path}/period-end`), amount: value.amount, currency: value.currency, valueDate: value.valueDate ?? periodStart };
      }),
      transactions: nodes(a.transaction).map((t, i) => this.transaction(t, `transaction[${i + 1}]`, defaultCurrency)),
      results: nodes(a.result).map((r, i) => this.result(r, `result[${i + 1}]`)),
      reconstruction: this.reconstruction(node(a['cb:reconstruction'])),
    };
  }
}

/** A problem with the document as a whole (not well-formed, not IATI 2.03, no activities): nothing in it can be used. */
export class IatiDocumentError extends Error {
  constructor(readonly problem: RowError) {
    super(problem.message);
  }
}

export interface ParsedActivity {
  /** 1-based position in the file: the `row` of its problems. */
  row: number;
  activity: IatiActivity;
  /** Structural problems; the activity is only usable when this is empty. */
  errors: RowError[];
}

const documentError = (column: string, message: string): IatiDocumentError => new IatiDocumentError({ row: 0, column, message });

/**
 * The activities of an IATI file as they arrive: only the activity being read is held in memory, so a national file
 * of hundreds of megabytes reads in the memory of one activity. Throws IatiDocumentError for a document-level problem,
 * possibly after some activities were yielded: the caller decides what to do with those (the importer writes nothing).
 */
export async function* readIatiActivities(source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): AsyncGenerator<ParsedActivity> {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const done: XmlNode[] = [];
  // The open elements inside the current activity; empty between activities.
  const open: XmlNode[] = [];
  let depth = 0;
  let failure: IatiDocumentError | null = null;
  let row = 0;

  parser.on('doctype', () => {
    // IATI needs no DTD; refusing one rules out entity-expansion bombs and external entities.
    failure ??= documentError('DOCTYPE', 'a DOCTYPE is not allowed in an IATI file');
  });
  parser.on('error', (e) => {
    failure ??= documentError(`line ${parser.line}, column ${parser.column}`, `not well-formed XML: ${e.message.replace(/^.*?:\d+:\d+: /, '')}`);
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth += 1;
    if (depth === 1) {
      if (tag.name !== 'iati-activities') failure ??= documentError('iati-activities', 'the document is not an IATI activities file (no iati-activities root)');
      else if (tag.attributes.version !== '2.03') failure ??= documentError('iati-activities/@version', `version "${tag.attributes.version ?? ''}" is not 2.03`);
      return;
    }
    if (depth === 2 && tag.name !== 'iati-activity') return;
    const element: XmlNode = {};
    for (const [name, value] of Object.entries(tag.attributes)) element[`@${name}`] = value;
    const parent = open[open.length - 1];
    if (parent !== undefined) {
      const siblings = parent[tag.name];
      if (Array.isArray(siblings)) siblings.push(element);
      else parent[tag.name] = [element];
    }
    open.push(element);
  });
  const onText = (t: string) => {
    const current = open[open.length - 1];
    if (current !== undefined) current['#text'] = (typeof current['#text'] === 'string' ? current['#text'] : '') + t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth -= 1;
    const element = open.pop();
    if (element === undefined) return;
    if (typeof element['#text'] === 'string') element['#text'] = element['#text'].trim();
    if (open.length === 0) done.push(element);
  });

  function* drain(): Generator<ParsedActivity> {
    if (failure !== null) throw failure;
    for (const a of done.splice(0)) {
      row += 1;
      const identifier = text(node(a['iati-identifier'])) ?? '';
      const reader = new ActivityReader(row, identifier === '' ? `#${row}` : identifier);
      if (identifier === '') reader.problem('iati-identifier', 'is required');
      const activity = reader.activity(a);
      yield { row, activity, errors: reader.errors };
    }
  }

  for await (const chunk of source) {
    try {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    } catch (e) {
      failure ??= e instanceof TypeError ? documentError('encoding', 'the file is not UTF-8') : documentError(`line ${parser.line}, column ${parser.column}`, `not well-formed XML: ${String(e)}`);
    }
    yield* drain();
  }
  try {
    parser.close();
  } catch {
    // The 'error' handler above has recorded it.
  }
  yield* drain();
  if (depth !== 0 || row === 0) throw failure ?? documentError('iati-activity', 'the file has no activities');
}
