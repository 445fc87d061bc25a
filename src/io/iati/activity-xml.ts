/**
 * IATI 2.03 activity XML, written by hand with escaping (no XML library):
 * elements in the order the official XSD's sequence requires. A document is
 * written in pieces (start, one activity at a time, end) so exports stream.
 * What IATI has no element for (our organisation types, the reconstruction
 * phase, milestones and Prozorro OCID) goes in the Carebridge namespace,
 * which the XSD admits (`xsd:any namespace="##other"`), so an import of our
 * own export loses nothing.
 */
export const CAREBRIDGE_NS = 'urn:carebridge:iati-extension:1';

export interface IatiText {
  en: string;
  uk?: string | undefined;
  ja?: string | undefined;
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
  sectors: { vocabulary: string; code: string; percentage: number }[];
  budgets: { periodStart: string; periodEnd: string; amount: string; currency: string; valueDate: string }[];
  transactions: IatiTransaction[];
  results: IatiResult[];
  reconstruction: IatiReconstruction | null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const attrs = (a: Record<string, string | null | undefined>): string =>
  Object.entries(a)
    .filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');

const bool = (b: boolean): string => (b ? '1' : '0');

function narratives(text: IatiText): string {
  let out = `<narrative>${escapeXml(text.en)}</narrative>`;
  for (const lang of ['uk', 'ja'] as const) {
    const t = text[lang];
    if (t !== undefined && t !== '') out += `<narrative xml:lang="${lang}">${escapeXml(t)}</narrative>`;
  }
  return out;
}

const org = (tag: string, o: IatiOrg, extra: Record<string, string> = {}): string =>
  `<${tag}${attrs({ ref: o.ref, ...extra, type: o.type, 'cb:type': o.ourType, 'cb:country': o.country })}>${narratives({ en: o.name, uk: o.nameUk })}</${tag}>`;

function resultXml(r: IatiResult): string {
  const indicators = r.indicators.map((i) => {
    const baseline = i.baseline === null ? '' : `<baseline${attrs({ year: String(i.baseline.year), value: i.baseline.value })}/>`;
    const periods = i.periods
      .map((p) => `<period><period-start iso-date="${escapeXml(p.periodStart)}"/><period-end iso-date="${escapeXml(p.periodEnd)}"/>${p.target === null ? '' : `<target value="${escapeXml(p.target)}"/>`}${p.actual === null ? '' : `<actual value="${escapeXml(p.actual)}"/>`}</period>`)
      .join('');
    return `<indicator${attrs({ measure: i.measure, ascending: bool(i.ascending) })}><title>${narratives(i.title)}</title>${baseline}${periods}</indicator>`;
  });
  return `<result${attrs({ type: r.type, 'aggregation-status': bool(r.aggregationStatus) })}><title>${narratives(r.title)}</title>${indicators.join('')}</result>`;
}

function reconstructionXml(r: IatiReconstruction): string {
  const milestones = r.milestones.map((m) => `<cb:milestone${attrs({ name: m.name, due: m.due, done: bool(m.done) })}/>`).join('');
  return `<cb:reconstruction${attrs({ phase: r.phase, 'percent-complete': String(r.percentComplete), ocid: r.ocid })}>${milestones}</cb:reconstruction>`;
}

/** One iati-activity element (indented, ending with a newline), to be written between the document's start and end. */
export function activityXml(a: IatiActivity): string {
  const lines: string[] = [];
  const add = (s: string) => lines.push(`    ${s}`);
  add(`<iati-identifier>${escapeXml(a.identifier)}</iati-identifier>`);
  add(org('reporting-org', a.reportingOrg));
  add(`<title>${narratives(a.title)}</title>`);
  add(`<description type="1">${narratives(a.description)}</description>`);
  for (const p of a.participants) add(org('participating-org', p, { role: p.role }));
  add(`<activity-status code="${escapeXml(a.status)}"/>`);
  add(`<activity-date type="1" iso-date="${escapeXml(a.startDate)}"/>`);
  if (a.endDate !== null) add(`<activity-date type="3" iso-date="${escapeXml(a.endDate)}"/>`);
  add('<recipient-country code="UA" percentage="100"/>');
  for (const l of a.locations) add(`<location ref="${escapeXml(l)}"/>`);
  for (const s of a.sectors) add(`<sector${attrs({ vocabulary: s.vocabulary, code: s.code, percentage: String(s.percentage) })}/>`);
  for (const b of a.budgets) {
    add(`<budget type="1" status="1"><period-start iso-date="${escapeXml(b.periodStart)}"/><period-end iso-date="${escapeXml(b.periodEnd)}"/><value${attrs({ currency: b.currency, 'value-date': b.valueDate })}>${escapeXml(b.amount)}</value></budget>`);
  }
  for (const t of a.transactions) {
    const parts = [
      `<transaction-type code="${escapeXml(t.type)}"/>`,
      `<transaction-date iso-date="${escapeXml(t.date)}"/>`,
      `<value${attrs({ currency: t.currency, 'value-date': t.valueDate })}>${escapeXml(t.amount)}</value>`,
      t.description === null ? '' : `<description>${narratives({ en: t.description })}</description>`,
      t.provider === null ? '' : org('provider-org', t.provider),
      t.receiver === null ? '' : org('receiver-org', t.receiver),
    ];
    add(`<transaction>${parts.join('')}</transaction>`);
  }
  for (const r of a.results) add(resultXml(r));
  if (a.reconstruction !== null) add(reconstructionXml(a.reconstruction));
  return `  <iati-activity${attrs({ 'last-updated-datetime': a.lastUpdated, 'xml:lang': 'en', 'default-currency': a.defaultCurrency, humanitarian: bool(a.humanitarian) })}>\n${lines.join('\n')}\n  </iati-activity>\n`;
}

/** The document's opening; `generated` is passed in so the output is reproducible. */
export const iatiDocumentStart = (generated: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03"${attrs({ 'generated-datetime': generated, 'xmlns:cb': CAREBRIDGE_NS })}>\n`;

export const IATI_DOCUMENT_END = '</iati-activities>\n';

/** A whole iati-activities document in one string (small documents and tests; exports stream the pieces). */
export function iatiActivitiesXml(activities: readonly IatiActivity[], generated: string): string {
  return iatiDocumentStart(generated) + activities.map(activityXml).join('') + IATI_DOCUMENT_END;
}
