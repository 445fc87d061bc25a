import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { RowError } from '../../errors.js';
import type { IatiActivity, IatiOrg, IatiReconstruction, IatiResult, IatiText, IatiTransaction } from './activity-xml.js';
import { collectExtras, isElement, textOf, type ReadElement } from './xml-tree.js';

/**
 * Reads an IATI 2.01, 2.02 or 2.03 activities document, streamed, one activity
 * at a time, into the same shape the writer takes (activity-xml.ts), plus the
 * activity's source: every attribute and element our model does not hold,
 * verbatim with its position (xml-tree.ts), so the export writes the activity
 * back whole. The structure the schema requires is checked here; codes and
 * business rules are the importer's. A problem is a RowError: `row` is the
 * activity's position (1-based; 0 for the document), `column` the element path
 * inside it, e.g. "sector[2]/@percentage".
 */

/** The activity's children in the order the 2.0x schema's sequence requires (extension elements, with a prefix, come last). */
const ACTIVITY_ORDER = [
  'iati-identifier', 'reporting-org', 'title', 'description', 'participating-org', 'other-identifier', 'activity-status', 'activity-date', 'contact-info', 'activity-scope',
  'recipient-country', 'recipient-region', 'location', 'sector', 'tag', 'country-budget-items', 'humanitarian-scope', 'policy-marker', 'collaboration-type', 'default-flow-type',
  'default-finance-type', 'default-aid-type', 'default-tied-status', 'budget', 'planned-disbursement', 'capital-spend', 'transaction', 'document-link', 'related-activity',
  'legacy-data', 'conditions', 'result', 'crs-add', 'fss',
];
const REQUIRED_CHILDREN = ['iati-identifier', 'reporting-org', 'title', 'description', 'participating-org', 'activity-status', 'activity-date'];
/** Attributes the schema requires, by element (the same wherever the element appears); capital-spend's percentage only from 2.02 on. */
const REQUIRED_ATTRS: Record<string, string[]> = {
  'activity-date': ['type', 'iso-date'], 'activity-scope': ['code'], 'activity-status': ['code'], 'budget-item': ['code'], 'collaboration-type': ['code'], condition: ['type'],
  conditions: ['attached'], 'default-finance-type': ['code'], 'default-flow-type': ['code'], 'default-tied-status': ['code'], 'default-aid-type': ['code'], 'humanitarian-scope': ['type', 'vocabulary', 'code'],
  'legacy-data': ['name', 'value'], 'other-identifier': ['ref', 'type'], 'participating-org': ['role'], 'period-start': ['iso-date'], 'period-end': ['iso-date'], 'policy-marker': ['code'],
  'recipient-country': ['code'], 'recipient-region': ['code'], 'related-activity': ['ref', 'type'], 'reporting-org': ['ref', 'type'], sector: ['code'], tag: ['code', 'vocabulary'],
  'transaction-date': ['iso-date'], 'transaction-type': ['code'], 'document-link': ['url', 'format'], 'tied-status': ['code'], 'flow-type': ['code'], 'finance-type': ['code'],
};
const KATOTTG = /^UA\d{17}$/;
/** Children of one of our own locations that the writer derives from its area code. */
const DERIVED_LOCATION_PARTS = ['name', 'point', 'exactness', 'location-class'];

/** Marks an element and everything under it as taken by the model. */
function useTree(e: ReadElement): void {
  e.used = true;
  for (const [k] of e.attrs) e.usedAttrs.add(k);
  for (const c of e.children) if (isElement(c)) useTree(c);
}

const elements = (e: ReadElement | undefined, name: string): ReadElement[] => (e?.children ?? []).filter((c): c is ReadElement => isElement(c) && c.name === name);
const peek = (e: ReadElement | undefined, name: string): string | undefined => e?.attrs.find(([k]) => k === name)?.[1];

class ActivityReader {
  readonly errors: RowError[] = [];
  readonly warnings: RowError[] = [];
  constructor(
    private readonly row: number,
    private readonly label: string,
    private readonly lang: string,
    private readonly version: string,
  ) {}

  problem(column: string, message: string): void {
    this.errors.push({ row: this.row, column, message: `activity ${this.label}: ${message}` });
  }

  warning(column: string, message: string): void {
    this.warnings.push({ row: this.row, column, message: `activity ${this.label}: ${message}` });
  }

  /** The attribute, taken by the model: the writer writes it back. */
  attr(e: ReadElement | undefined, name: string): string | undefined {
    const v = peek(e, name);
    if (e !== undefined && v !== undefined) e.usedAttrs.add(name);
    return v;
  }

  /** A number attribute, taken only when the writer would write it back the same (else kept as written). */
  numberAttr(e: ReadElement | undefined, name: string, path: string): number | undefined {
    const v = peek(e, name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) {
      this.problem(`${path}/@${name}`, `"${v}" is not a number`);
      return undefined;
    }
    if (String(n) === v) e?.usedAttrs.add(name);
    return n;
  }

  /** The first child of that name, taken by the model. */
  child(e: ReadElement | undefined, name: string): ReadElement | undefined {
    const c = elements(e, name)[0];
    if (c !== undefined) c.used = true;
    return c;
  }

  use<T extends ReadElement | undefined>(e: T): T {
    if (e !== undefined) e.used = true;
    return e;
  }

  required(e: ReadElement | undefined, name: string, path: string): string {
    const v = this.attr(e, name);
    // What the schema requires everywhere is reported once, by schema(), with the element's position.
    const bySchema = e !== undefined && v === undefined && (REQUIRED_ATTRS[e.name] ?? []).includes(name);
    if ((v === undefined || v === '') && !bySchema) this.problem(`${path}/@${name}`, 'is required');
    return v ?? '';
  }

  /** Narratives by language; one without xml:lang is in the activity's language. A second narrative in the same language is kept as written. */
  narratives(e: ReadElement | undefined): IatiText {
    const out: IatiText = {};
    for (const n of elements(e, 'narrative')) {
      const lang = peek(n, 'xml:lang') ?? this.lang;
      if (out[lang] !== undefined) continue;
      this.use(n);
      this.attr(n, 'xml:lang');
      out[lang] = textOf(n);
    }
    return out;
  }

  bool(e: ReadElement | undefined, name: string, path: string, fallback: boolean): boolean {
    const value = peek(e, name);
    if (value === undefined) return fallback;
    if (value === '1' || value === 'true') {
      if (value === '1') e?.usedAttrs.add(name);
      return true;
    }
    if (value === '0' || value === 'false') {
      if (value === '0') e?.usedAttrs.add(name);
      return false;
    }
    this.problem(`${path}/@${name}`, `"${value}" is not a boolean (1, 0, true, false)`);
    return fallback;
  }

  /**
   * An organisation: the model keeps a link to our row, found by ref and name;
   * the element's ref, type and narratives are kept as written, so several
   * organisations sharing one ref keep their own names.
   */
  org(e: ReadElement | undefined): IatiOrg {
    this.use(e);
    const ref = peek(e, 'ref') ?? null;
    const names = elements(e, 'narrative');
    const named = (lang: string) => names.find((n) => (peek(n, 'xml:lang') ?? this.lang) === lang);
    const main = named(this.lang) ?? names[0];
    const name = main === undefined ? '' : textOf(main);
    const uk = named('uk');
    return { ref: ref === '' ? null : ref, type: peek(e, 'type') ?? '', name: name === '' ? (ref ?? 'Unnamed organisation') : name, nameUk: uk === undefined ? undefined : textOf(uk), ourType: peek(e, 'cb:type'), country: peek(e, 'cb:country') ?? null };
  }

  value(parent: ReadElement, path: string, defaultCurrency: string | undefined, dateFallback: string): { amount: string; currency: string; valueDate: string } {
    const v = this.child(parent, 'value');
    if (v === undefined) this.problem(`${path}/value`, 'is required');
    const currency = this.attr(v, 'currency') ?? defaultCurrency;
    if (currency === undefined) this.problem(`${path}/value/@currency`, 'is required (or a default-currency on the activity)');
    const amount = v === undefined ? '' : textOf(v);
    if (v !== undefined && !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(amount)) this.problem(`${path}/value`, `"${amount}" is not a decimal number`);
    return { amount, currency: currency ?? '', valueDate: this.attr(v, 'value-date') ?? dateFallback };
  }

  transaction(t: ReadElement, path: string, defaultCurrency: string | undefined): IatiTransaction {
    const date = this.required(this.child(t, 'transaction-date'), 'iso-date', `${path}/transaction-date`);
    const type = this.required(this.child(t, 'transaction-type'), 'code', `${path}/transaction-type`);
    const value = this.value(t, path, defaultCurrency, date);
    const description = this.child(t, 'description');
    const provider = elements(t, 'provider-org')[0];
    const receiver = elements(t, 'receiver-org')[0];
    return {
      type, date, amount: value.amount, currency: value.currency, valueDate: value.valueDate,
      description: description === undefined ? null : (this.narratives(description)[this.lang] ?? ''),
      provider: provider === undefined ? null : this.org(provider),
      receiver: receiver === undefined ? null : this.org(receiver),
    };
  }

  /** A result in our model's shape, or undefined (and nothing taken: it is kept as written) when it has more than the model holds. */
  result(r: ReadElement): IatiResult | undefined {
    const fits = (e: ReadElement, attrs: string[], kids: string[]) => e.attrs.every(([k]) => attrs.includes(k)) && e.children.every((c) => !isElement(c) || kids.includes(c.name));
    const indicators = elements(r, 'indicator');
    const measures = ['1', '2'];
    const decimal = (v: string | undefined) => v === undefined || /^-?(0|[1-9]\d{0,17})(\.\d{1,18})?$/.test(v);
    const ok =
      fits(r, ['type', 'aggregation-status'], ['title', 'indicator']) && indicators.length > 0 &&
      indicators.every((i) => {
        const periods = elements(i, 'period');
        const baseline = elements(i, 'baseline')[0];
        return fits(i, ['measure', 'ascending'], ['title', 'baseline', 'period']) && measures.includes(peek(i, 'measure') ?? '') &&
          (baseline === undefined || (fits(baseline, ['year', 'value'], []) && /^\d{4}$/.test(peek(baseline, 'year') ?? '') && decimal(peek(baseline, 'value') ?? '0'))) &&
          periods.every((p) => fits(p, [], ['period-start', 'period-end', 'target', 'actual']) && ['target', 'actual'].every((k) => elements(p, k).length <= 1 && elements(p, k).every((x) => fits(x, ['value'], []) && decimal(peek(x, 'value')))));
      });
    if (!ok || !['1', '2', '3', '9'].includes(peek(r, 'type') ?? '')) return undefined;
    this.use(r);
    return {
      type: this.required(r, 'type', 'result'),
      aggregationStatus: this.bool(r, 'aggregation-status', 'result', false),
      title: this.narratives(this.child(r, 'title')),
      indicators: indicators.map((i) => {
        this.use(i);
        const baseline = this.child(i, 'baseline');
        return {
          measure: this.required(i, 'measure', 'indicator'),
          ascending: this.bool(i, 'ascending', 'indicator', true),
          title: this.narratives(this.child(i, 'title')),
          baseline: baseline === undefined ? null : { year: Number(this.attr(baseline, 'year')), value: this.attr(baseline, 'value') ?? '0' },
          periods: elements(i, 'period').map((p) => {
            this.use(p);
            return {
              periodStart: this.attr(this.child(p, 'period-start'), 'iso-date') ?? '',
              periodEnd: this.attr(this.child(p, 'period-end'), 'iso-date') ?? '',
              target: this.attr(this.child(p, 'target'), 'value') ?? null,
              actual: this.attr(this.child(p, 'actual'), 'value') ?? null,
            };
          }),
        };
      }),
    };
  }

  reconstruction(n: ReadElement | undefined): IatiReconstruction | null {
    if (n === undefined) return null;
    const path = 'cb:reconstruction';
    return {
      phase: this.required(n, 'phase', path),
      percentComplete: this.numberAttr(n, 'percent-complete', path) ?? 0,
      ocid: this.attr(n, 'ocid') ?? null,
      milestones: elements(n, 'cb:milestone').map((m, i) => {
        this.use(m);
        return { name: this.required(m, 'name', `${path}/cb:milestone[${i + 1}]`), due: this.required(m, 'due', `${path}/cb:milestone[${i + 1}]`), done: this.bool(m, 'done', `${path}/cb:milestone[${i + 1}]`, false) };
      }),
    };
  }

  /** What the schema requires of the activity's structure: its children's order and presence, and required attributes anywhere below. */
  schema(a: ReadElement): void {
    let rank = -1;
    const counts = new Map<string, number>();
    for (const c of a.children) {
      if (!isElement(c)) continue;
      const n = (counts.get(c.name) ?? 0) + 1;
      counts.set(c.name, n);
      const r = ACTIVITY_ORDER.indexOf(c.name);
      if (c.name.includes(':')) rank = ACTIVITY_ORDER.length;
      else if (r < 0) this.problem(`${c.name}[${n}]`, `"${c.name}" is not an element of an IATI ${this.version} activity`);
      else if (r < rank) this.problem(`${c.name}[${n}]`, `is out of the order the IATI schema requires (${c.name} comes before ${ACTIVITY_ORDER[rank] ?? 'extension elements'})`);
      else rank = r;
    }
    for (const name of REQUIRED_CHILDREN) if (!counts.has(name)) this.problem(name, 'is required');
    const walk = (e: ReadElement, path: string) => {
      const seen = new Map<string, number>();
      for (const c of e.children) {
        if (!isElement(c)) continue;
        const n = (seen.get(c.name) ?? 0) + 1;
        seen.set(c.name, n);
        const here = `${path === '' ? '' : `${path}/`}${c.name}[${n}]`;
        const required = c.name === 'capital-spend' && this.version !== '2.01' ? ['percentage'] : (REQUIRED_ATTRS[c.name] ?? []);
        for (const k of required) if (peek(c, k) === undefined) this.problem(`${here}/@${k}`, `is required by the IATI schema (${c.name} without ${k})`);
        if (['title', 'description'].includes(c.name) && path === '' && elements(c, 'narrative').length === 0) this.problem(`${here}/narrative`, 'is required');
        walk(c, here);
      }
    };
    walk(a, '');
  }

  activity(a: ReadElement): IatiActivity {
    this.schema(a);
    // 2.01 → 2.03: a capital-spend without percentage (allowed in 2.01) says nothing, and 2.03 requires the percentage: it is left out.
    for (const c of elements(a, 'capital-spend')) {
      if (this.version !== '2.01' || peek(c, 'percentage') !== undefined) continue;
      this.use(c);
      this.warning('capital-spend', 'has no percentage (allowed in IATI 2.01, required from 2.02): it says nothing and is left out of the 2.03 export');
    }
    const defaultCurrency = peek(a, 'default-currency');
    const reporting = elements(a, 'reporting-org')[0];
    const dates = elements(a, 'activity-date');
    const dateOf = (type: string) => dates.find((d) => peek(d, 'type') === type);
    const start = dateOf('2') ?? dateOf('1');
    const end = dateOf('4') ?? dateOf('3');
    for (const d of [start, end]) {
      this.use(d);
      this.attr(d, 'type');
    }
    const startDate = this.attr(start, 'iso-date') ?? this.attr(end, 'iso-date');
    if (startDate === undefined && dates.length > 0) this.problem('activity-date', 'a start or end date (type 1 to 4) is required');
    const description = elements(a, 'description').find((d) => (peek(d, 'type') ?? '1') === '1');
    const source = { lang: this.lang, reportingRef: peek(reporting, 'ref') ?? '', startType: peek(start ?? end, 'type') ?? '1', endType: peek(end, 'type') ?? '3', endFirst: start !== undefined && end !== undefined && dates.indexOf(end) < dates.indexOf(start), extras: [] };
    const results: IatiResult[] = [];
    for (const r of elements(a, 'result')) {
      const read = this.result(r);
      if (read !== undefined) results.push(read);
    }
    return {
      identifier: this.label,
      lang: this.lang,
      lastUpdated: peek(a, 'last-updated-datetime') ?? '',
      defaultCurrency: defaultCurrency ?? '',
      humanitarian: this.bool(a, 'humanitarian', '', false),
      reportingOrg: { ...this.org(reporting), ref: source.reportingRef },
      title: this.narratives(this.child(a, 'title')),
      description: this.narratives(this.use(description)),
      participants: elements(a, 'participating-org').map((p, i) => ({ ...this.org(p), role: this.required(p, 'role', `participating-org[${i + 1}]`) })),
      status: this.required(this.child(a, 'activity-status'), 'code', 'activity-status'),
      startDate: startDate ?? '',
      endDate: start === undefined || end === undefined ? null : (this.attr(end, 'iso-date') ?? null),
      // Only our own area codes are modelled (their name and point are derived from the code, so they are not kept apart); any other location is kept as written.
      locations: elements(a, 'location')
        .filter((l) => KATOTTG.test(peek(l, 'ref') ?? ''))
        .map((l) => {
          for (const derived of DERIVED_LOCATION_PARTS) for (const c of elements(l, derived)) useTree(c);
          return this.attr(this.use(l), 'ref') ?? '';
        }),
      sectors: elements(a, 'sector').map((s, i) => {
        this.use(s);
        const vocabulary = peek(s, 'vocabulary');
        if (vocabulary !== undefined) this.attr(s, 'vocabulary');
        const percentage = this.numberAttr(s, 'percentage', `sector[${i + 1}]`);
        return { vocabulary: vocabulary ?? '1', code: this.attr(s, 'code') ?? '', ...(percentage === undefined ? {} : { percentage }) };
      }),
      budgets: elements(a, 'budget').map((b, i) => {
        this.use(b);
        const path = `budget[${i + 1}]`;
        const periodStart = this.required(this.child(b, 'period-start'), 'iso-date', `${path}/period-start`);
        const value = this.value(b, path, defaultCurrency, periodStart);
        return { periodStart, periodEnd: this.required(this.child(b, 'period-end'), 'iso-date', `${path}/period-end`), amount: value.amount, currency: value.currency, valueDate: value.valueDate };
      }),
      transactions: elements(a, 'transaction').map((t, i) => this.transaction(this.use(t), `transaction[${i + 1}]`, defaultCurrency)),
      results,
      reconstruction: this.reconstruction(this.child(a, 'cb:reconstruction')),
      source,
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
  /** What IATI's rules question but its schema allows: reported, never a refusal. */
  warnings: RowError[];
  /** Recipient country codes, of the activity and of its transactions. */
  countries: string[];
}

const documentError = (column: string, message: string): IatiDocumentError => new IatiDocumentError({ row: 0, column, message });

export const IATI_VERSIONS = ['2.01', '2.02', '2.03'];

/** Why a document of this version is not read, or undefined when it is. */
function versionProblem(version: string | undefined): string | undefined {
  if (version === undefined) return 'the iati-activities element has no version';
  if (IATI_VERSIONS.includes(version)) return undefined;
  if (/^1\.0\d$/.test(version)) return `IATI version ${version} is not read: IATI retired the 1.0x versions (in June 2016); publish the file as 2.01 or later`;
  return `IATI version "${version}" is not read (2.01, 2.02 and 2.03 are)`;
}

/**
 * The activities of an IATI file as they arrive: only the activity being read is held in memory, so a national file
 * of hundreds of megabytes reads in the memory of one activity. Throws IatiDocumentError for a document-level problem,
 * possibly after some activities were yielded: the caller decides what to do with those (the importer writes nothing).
 */
export async function* readIatiActivities(source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): AsyncGenerator<ParsedActivity> {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const done: ReadElement[] = [];
  // The open elements inside the current activity; empty between activities.
  const open: ReadElement[] = [];
  let depth = 0;
  let failure: IatiDocumentError | null = null;
  let row = 0;
  let version = '';
  // Namespace declarations of the root, carried onto each activity so its kept extension elements stay well-formed on their own.
  let namespaces: [string, string][] = [];

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
      version = tag.attributes.version ?? '';
      const problem = tag.name === 'iati-activities' ? versionProblem(tag.attributes.version) : 'the document is not an IATI activities file (no iati-activities root)';
      if (problem !== undefined) failure ??= documentError(tag.name === 'iati-activities' ? 'iati-activities/@version' : 'iati-activities', problem);
      namespaces = Object.entries(tag.attributes).filter(([k]) => k.startsWith('xmlns:') && k !== 'xmlns:cb');
      return;
    }
    if (depth === 2 && tag.name !== 'iati-activity') return;
    const attrs = Object.entries(tag.attributes);
    if (depth === 2) for (const ns of namespaces) if (!attrs.some(([k]) => k === ns[0])) attrs.push(ns);
    const element: ReadElement = { name: tag.name, attrs, children: [], used: false, usedAttrs: new Set() };
    open[open.length - 1]?.children.push(element);
    open.push(element);
  });
  const onText = (t: string) => {
    const current = open[open.length - 1];
    if (current === undefined) return;
    const last = current.children[current.children.length - 1];
    if (last !== undefined && 'text' in last) last.text += t;
    else current.children.push({ text: t });
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth -= 1;
    const element = open.pop();
    if (element !== undefined && open.length === 0) done.push(element);
  });

  function* drain(): Generator<ParsedActivity> {
    if (failure !== null) throw failure;
    for (const a of done.splice(0)) {
      row += 1;
      const idElement = a.children.find((c): c is ReadElement => isElement(c) && c.name === 'iati-identifier');
      const identifier = idElement === undefined ? '' : textOf(idElement);
      if (idElement !== undefined) idElement.used = true;
      a.used = true;
      const reader = new ActivityReader(row, identifier === '' ? `#${row}` : identifier, a.attrs.find(([k]) => k === 'xml:lang')?.[1] ?? 'en', version);
      if (identifier === '') reader.problem('iati-identifier', 'is required');
      const activity = reader.activity(a);
      if (activity.source !== undefined) activity.source.extras = collectExtras(a);
      const countries = [a, ...a.children.filter((c): c is ReadElement => isElement(c) && c.name === 'transaction')].flatMap((e) =>
        e.children.flatMap((c) => (isElement(c) && c.name === 'recipient-country' ? [c.attrs.find(([k]) => k === 'code')?.[1] ?? ''] : [])),
      );
      yield { row, activity, errors: reader.errors, warnings: reader.warnings, countries };
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
