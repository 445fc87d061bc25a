import { applyExtras, serializeXml, type XmlElement, type XmlExtra, type XmlNode } from './xml-tree.js';

/**
 * IATI 2.03 activity XML, built as a small tree (no XML library): elements
 * in the order the official XSD's sequence requires. A document is written
 * in pieces (start, one activity at a time, end) so exports stream. What
 * IATI has no element for (our organisation types, the reconstruction phase,
 * milestones and Prozorro OCID) goes in the Carebridge namespace, which the
 * XSD admits (`xsd:any namespace="##other"`), so an import of our own export
 * loses nothing. An imported activity also carries its source (what our
 * model does not hold, verbatim, see xml-tree.ts), put back in place.
 */
export const CAREBRIDGE_NS = 'urn:carebridge:iati-extension:1';

/** Narratives by language (xml:lang), in the file's order; a narrative without xml:lang is in the activity's language. */
export interface IatiText {
  en?: string | undefined;
  uk?: string | undefined;
  ja?: string | undefined;
  [lang: string]: string | undefined;
}

/** What an imported activity had beyond our model: written back over and between what the model writes. */
export interface IatiSource {
  /** The activity's xml:lang (the language of its narratives without one). */
  lang?: string | undefined;
  /** The reporting organisation's ref as the file gives it (our organisation row may have none, see the importer). */
  reportingRef: string;
  /** The activity-date types our start and end dates came from (1 planned or 2 actual start, 3 planned or 4 actual end). */
  startType: string;
  endType: string;
  /** The end date came before the start date in the file. */
  endFirst?: boolean;
  extras: XmlExtra[];
}

export interface IatiOrg {
  ref: string | null;
  /** IATI OrganisationType code. */
  type: string;
  name: string;
  nameUk?: string | undefined;
  /** Carebridge's own organisation type and country (cb:type, cb:country), kept for the round trip. */
  ourType?: string | undefined;
  country?: string | null | undefined;
}

export interface IatiIndicator {
  /** IndicatorMeasure: 1 unit, 2 percentage. */
  measure: string;
  ascending: boolean;
  title: IatiText;
  baseline: { year: number; value: string } | null;
  periods: { periodStart: string; periodEnd: string; target: string | null; actual: string | null }[];
}

export interface IatiResult {
  /** ResultType: 1 output, 2 outcome, 3 impact, 9 other. */
  type: string;
  aggregationStatus: boolean;
  title: IatiText;
  indicators: IatiIndicator[];
}

export interface IatiReconstruction {
  phase: string;
  percentComplete: number;
  milestones: { name: string; due: string; done: boolean }[];
  ocid: string | null;
}

export interface IatiTransaction {
  type: string;
  date: string;
  amount: string;
  currency: string;
  valueDate: string;
  description: string | null;
  provider: IatiOrg | null;
  receiver: IatiOrg | null;
}

export interface IatiActivity {
  identifier: string;
  /** The activity's xml:lang: the language of narratives that have none (default en). */
  lang?: string | undefined;
  lastUpdated: string;
  defaultCurrency: string;
  humanitarian: boolean;
  reportingOrg: IatiOrg & { ref: string };
  title: IatiText;
  description: IatiText;
  /** OrganisationRole codes: 1 funding, 2 accountable, 3 extending, 4 implementing. */
  participants: (IatiOrg & { role: string })[];
  status: string;
  startDate: string;
  endDate: string | null;
  /** Area codes (KATOTTG) as location refs. */
  locations: string[];
  /** What the file says of each area: its names and, for an oblast, its public centre (never a facility's point). */
  places?: ReadonlyMap<string, IatiPlace>;
  sectors: { vocabulary: string; code: string; percentage?: number | undefined }[];
  budgets: { periodStart: string; periodEnd: string; amount: string; currency: string; valueDate: string }[];
  transactions: IatiTransaction[];
  results: IatiResult[];
  reconstruction: IatiReconstruction | null;
  source?: IatiSource | undefined;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const el = (name: string, attrs: Record<string, string | null | undefined>, children: XmlNode[] = []): XmlElement => ({
  name,
  attrs: Object.entries(attrs).filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined),
  children,
});
const leaf = (name: string, text: string): XmlElement => el(name, {}, [{ text }]);

const bool = (b: boolean): string => (b ? '1' : '0');

/** Narratives in the text's order; the activity's own language goes without xml:lang. */
const narratives = (text: IatiText, lang: string): XmlElement[] =>
  Object.entries(text)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([l, t]) => el('narrative', { 'xml:lang': l === lang ? undefined : l }, [{ text: t }]));

/** An organisation element: whole from our row, or (imported activity) bare, its ref, type and names coming back from the source. */
function org(tag: string, o: IatiOrg, lang: string, imported: boolean, extra: Record<string, string> = {}): XmlElement {
  if (imported) return el(tag, extra);
  return el(tag, { ref: o.ref, ...extra, type: o.type, 'cb:type': o.ourType, 'cb:country': o.country }, narratives({ en: o.name, uk: o.nameUk }, lang));
}

function resultXml(r: IatiResult, lang: string): XmlElement {
  const indicators = r.indicators.map((i) => {
    const periods = i.periods.map((p) =>
      el('period', {}, [
        el('period-start', { 'iso-date': p.periodStart }),
        el('period-end', { 'iso-date': p.periodEnd }),
        ...(p.target === null ? [] : [el('target', { value: p.target })]),
        ...(p.actual === null ? [] : [el('actual', { value: p.actual })]),
      ]),
    );
    const baseline = i.baseline === null ? [] : [el('baseline', { year: String(i.baseline.year), value: i.baseline.value })];
    return el('indicator', { measure: i.measure, ascending: bool(i.ascending) }, [el('title', {}, narratives(i.title, lang)), ...baseline, ...periods]);
  });
  return el('result', { type: r.type, 'aggregation-status': bool(r.aggregationStatus) }, [el('title', {}, narratives(r.title, lang)), ...indicators]);
}

const reconstructionXml = (r: IatiReconstruction): XmlElement =>
  el(
    'cb:reconstruction',
    { phase: r.phase, 'percent-complete': String(r.percentComplete), ocid: r.ocid },
    r.milestones.map((m) => el('cb:milestone', { name: m.name, due: m.due, done: bool(m.done) })),
  );

function transactionXml(t: IatiTransaction, lang: string, imported: boolean): XmlElement {
  return el('transaction', {}, [
    el('transaction-type', { code: t.type }),
    el('transaction-date', { 'iso-date': t.date }),
    el('value', { currency: t.currency, 'value-date': t.valueDate }, [{ text: t.amount }]),
    ...(t.description === null ? [] : [el('description', {}, narratives({ [lang]: t.description }, lang))]),
    ...(t.provider === null ? [] : [org('provider-org', t.provider, lang, imported)]),
    ...(t.receiver === null ? [] : [org('receiver-org', t.receiver, lang, imported)]),
  ]);
}

function activityDates(a: IatiActivity): XmlElement[] {
  const start = el('activity-date', { type: a.source?.startType ?? '1', 'iso-date': a.startDate });
  if (a.endDate === null) return [start];
  const end = el('activity-date', { type: a.source?.endType ?? '3', 'iso-date': a.endDate });
  return a.source?.endFirst === true ? [end, start] : [start, end];
}

/** An area by name and, where it has a public centre, as an approximate point (exactness 2) of an administrative region (class 1). */
export interface IatiPlace {
  names: IatiText;
  centre: { lat: number; lon: number } | null;
}

function locationXml(ref: string, place: IatiPlace | undefined, lang: string): XmlElement {
  if (place === undefined) return el('location', { ref });
  return el('location', { ref }, [
    el('name', {}, narratives(place.names, lang)),
    ...(place.centre === null
      ? []
      : [el('point', { srsName: 'http://www.opengis.net/def/crs/EPSG/0/4326' }, [leaf('pos', `${place.centre.lat} ${place.centre.lon}`)]), el('exactness', { code: '2' })]),
    el('location-class', { code: '1' }),
  ]);
}

/** The activity as a tree, with an imported activity's source put back. */
export function activityTree(a: IatiActivity): XmlElement {
  const lang = a.lang ?? a.source?.lang ?? 'en';
  const imported = a.source !== undefined;
  const children: XmlNode[] = [
    leaf('iati-identifier', a.identifier),
    org('reporting-org', a.reportingOrg, lang, imported),
    el('title', {}, narratives(a.title, lang)),
    ...(Object.values(a.description).some((t) => t !== undefined && t !== '') ? [el('description', { type: '1' }, narratives(a.description, lang))] : []),
    ...a.participants.map((p) => org('participating-org', p, lang, imported, { role: p.role })),
    el('activity-status', { code: a.status }),
    ...activityDates(a),
    // Our own projects are all in Ukraine; an imported activity's recipient countries and regions come back from its source.
    ...(imported ? [] : [el('recipient-country', { code: 'UA', percentage: '100' })]),
    ...a.locations.map((l) => locationXml(l, a.places?.get(l), lang)),
    ...a.sectors.map((s) => el('sector', { vocabulary: s.vocabulary, code: s.code, percentage: s.percentage === undefined ? undefined : String(s.percentage) })),
    ...a.budgets.map((b) =>
      el('budget', { type: '1', status: '1' }, [
        el('period-start', { 'iso-date': b.periodStart }),
        el('period-end', { 'iso-date': b.periodEnd }),
        el('value', { currency: b.currency, 'value-date': b.valueDate }, [{ text: b.amount }]),
      ]),
    ),
    ...a.transactions.map((t) => transactionXml(t, lang, imported)),
    ...a.results.map((r) => resultXml(r, lang)),
    ...(a.reconstruction === null ? [] : [reconstructionXml(a.reconstruction)]),
  ];
  const root = el('iati-activity', { 'last-updated-datetime': a.lastUpdated === '' ? undefined : a.lastUpdated, 'xml:lang': lang, 'default-currency': a.defaultCurrency, humanitarian: bool(a.humanitarian) }, children);
  if (a.source !== undefined) applyExtras(root, a.source.extras);
  return root;
}

/** One iati-activity element (indented, ending with a newline), to be written between the document's start and end. */
export function activityXml(a: IatiActivity): string {
  const root = activityTree(a);
  const inner = root.children.map((c) => `    ${serializeXml(c)}`).join('\n');
  return `  ${serializeXml({ ...root, children: [] }).replace(/\/>$/, '>')}\n${inner}\n  </iati-activity>\n`;
}

/** The document's opening; `generated` is passed in so the output is reproducible. */
export const iatiDocumentStart = (generated: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${escapeXml(generated)}" xmlns:cb="${CAREBRIDGE_NS}">\n`;

export const IATI_DOCUMENT_END = '</iati-activities>\n';

/** A whole iati-activities document in one string (small documents and tests; exports stream the pieces). */
export function iatiActivitiesXml(activities: readonly IatiActivity[], generated: string): string {
  return iatiDocumentStart(generated) + activities.map(activityXml).join('') + IATI_DOCUMENT_END;
}
