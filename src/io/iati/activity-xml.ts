/**
 * IATI 2.03 activity XML, written by hand with escaping (no XML library):
 * elements in the order the official XSD's sequence requires.
 */
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
  sectors: { vocabulary: string; code: string; percentage: number }[];
  budgets: { periodStart: string; periodEnd: string; amount: string; currency: string; valueDate: string }[];
  transactions: { type: string; date: string; amount: string; currency: string; valueDate: string; provider: IatiOrg | null; receiver: IatiOrg | null }[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const attrs = (a: Record<string, string | null | undefined>): string =>
  Object.entries(a)
    .filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');

function narratives(text: IatiText): string {
  let out = `<narrative>${escapeXml(text.en)}</narrative>`;
  for (const lang of ['uk', 'ja'] as const) {
    const t = text[lang];
    if (t !== undefined && t !== '') out += `<narrative xml:lang="${lang}">${escapeXml(t)}</narrative>`;
  }
  return out;
}

const org = (tag: string, o: IatiOrg, extra: Record<string, string> = {}): string =>
  `<${tag}${attrs({ ref: o.ref, ...extra, type: o.type })}><narrative>${escapeXml(o.name)}</narrative></${tag}>`;

function activityXml(a: IatiActivity): string {
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
  for (const s of a.sectors) add(`<sector${attrs({ vocabulary: s.vocabulary, code: s.code, percentage: String(s.percentage) })}/>`);
  for (const b of a.budgets) {
    add(`<budget type="1" status="1"><period-start iso-date="${escapeXml(b.periodStart)}"/><period-end iso-date="${escapeXml(b.periodEnd)}"/><value${attrs({ currency: b.currency, 'value-date': b.valueDate })}>${escapeXml(b.amount)}</value></budget>`);
  }
  for (const t of a.transactions) {
    const parts = [
      `<transaction-type code="${escapeXml(t.type)}"/>`,
      `<transaction-date iso-date="${escapeXml(t.date)}"/>`,
      `<value${attrs({ currency: t.currency, 'value-date': t.valueDate })}>${escapeXml(t.amount)}</value>`,
      t.provider === null ? '' : org('provider-org', t.provider),
      t.receiver === null ? '' : org('receiver-org', t.receiver),
    ];
    add(`<transaction>${parts.join('')}</transaction>`);
  }
  return `  <iati-activity${attrs({ 'last-updated-datetime': a.lastUpdated, 'xml:lang': 'en', 'default-currency': a.defaultCurrency, humanitarian: a.humanitarian ? '1' : '0' })}>\n${lines.join('\n')}\n  </iati-activity>`;
}

/** A whole iati-activities document; `generated` is passed in so the output is reproducible. */
export function iatiActivitiesXml(activities: readonly IatiActivity[], generated: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03"${attrs({ 'generated-datetime': generated })}>\n${activities.map(activityXml).join('\n')}\n</iati-activities>\n`;
}
