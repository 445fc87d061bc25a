import type { Database } from '../../db/database.js';
import { convert, MissingRateError } from '../../engine/fx/convert.js';
import { invalid } from '../../errors.js';
import { hxlCsv, type HxlColumn } from '../../io/hxl/hxl-csv.js';
import { getOrganization } from '../organizations/organizations.service.js';
import { loadRateTable } from './fx.service.js';
import { presentProject } from './projects.presenter.js';
import { listProjects } from './projects.repository.js';
import { allTransactionsOf } from './transactions.repository.js';
import type { Project } from './projects.schema.js';

export const HXL_KINDS = ['3w', 'flows'] as const;
export type HxlKind = (typeof HXL_KINDS)[number];

interface ThreeW { project: Project; org: string; role: string; oblast: string; sector: string }
interface Flow { project: Project; type: string; provider: string; receiver: string; amount: string; currency: string; date: string; usd: string; rate: string; rateDate: string; rateSource: string }

const THREE_W: HxlColumn<ThreeW>[] = [
  { header: 'Organisation', tag: '#org+name', value: (r) => r.org },
  { header: 'Role', tag: '#org+role', value: (r) => r.role },
  { header: 'Activity', tag: '#activity+name', value: (r) => r.project.title.en },
  { header: 'IATI identifier', tag: '#activity+code+iati', value: (r) => r.project.iatiIdentifier },
  { header: 'Sector (DAC)', tag: '#sector+code', value: (r) => r.sector },
  { header: 'Oblast (KATOTTG)', tag: '#adm1+code', value: (r) => r.oblast },
  { header: 'Status', tag: '#status+code', value: (r) => r.project.status },
  { header: 'Start', tag: '#date+start', value: (r) => r.project.startDate },
  { header: 'End', tag: '#date+end', value: (r) => r.project.endDate ?? '' },
];

const FLOWS: HxlColumn<Flow>[] = [
  { header: 'Activity', tag: '#activity+code+iati', value: (r) => r.project.iatiIdentifier },
  { header: 'Transaction type', tag: '#financial+type+code', value: (r) => r.type },
  { header: 'Provider', tag: '#org+name+funder', value: (r) => r.provider },
  { header: 'Receiver', tag: '#org+name+impl', value: (r) => r.receiver },
  { header: 'Value date', tag: '#date', value: (r) => r.date },
  { header: 'Original value', tag: '#value', value: (r) => r.amount },
  { header: 'Original currency', tag: '#currency', value: (r) => r.currency },
  { header: 'Value (USD)', tag: '#value+usd', value: (r) => r.usd },
  { header: 'Rate per USD', tag: '#indicator+rate+fx', value: (r) => r.rate },
  { header: 'Rate date', tag: '#date+rate', value: (r) => r.rateDate },
  { header: 'Rate source', tag: '#meta+source+fx', value: (r) => r.rateSource },
];

/** Open-data HXL CSV of projects: public fields only (organisations, sectors, oblasts, money; no facility). */
export async function exportHxl(database: Database, kind: HxlKind): Promise<string> {
  const names = new Map<string, string>();
  const nameOf = async (id: string | null): Promise<string> => {
    if (id === null) return '';
    const hit = names.get(id);
    if (hit !== undefined) return hit;
    const name = (await getOrganization(database, id)).name_en;
    names.set(id, name);
    return name;
  };
  const projects = (await listProjects(database.db, {}, undefined, 10_000)).map(presentProject);
  if (kind === '3w') {
    const rows: ThreeW[] = [];
    for (const p of projects) {
      for (const part of p.participants) {
        const org = await nameOf(part.organizationId);
        for (const oblast of p.locations.areas.length > 0 ? p.locations.areas : ['']) for (const s of p.sectors) rows.push({ project: p, org, role: part.role, oblast, sector: s.code });
      }
    }
    return hxlCsv(THREE_W, rows);
  }
  const rows: Flow[] = [];
  for (const p of projects) {
    const txs = await allTransactionsOf(database.db, p.id);
    const latest = txs.reduce((m, t) => (t.value_date > m ? t.value_date : m), '0000-00-00');
    const table = await loadRateTable(database.db, txs.map((t) => t.currency), latest);
    for (const t of txs) {
      let converted;
      try {
        converted = convert(table, t.amount, t.currency, 'USD', t.value_date);
      } catch (e) {
        if (e instanceof MissingRateError) throw invalid([{ path: '/currency', message: `transaction ${t.id}: ${e.message}` }]);
        throw e;
      }
      const rate = converted.rates[0];
      rows.push({ project: p, type: t.type, provider: await nameOf(t.provider_org_id), receiver: await nameOf(t.receiver_org_id), amount: t.amount, currency: t.currency, date: t.value_date, usd: converted.amount, rate: rate?.ratePerUsd ?? '1', rateDate: rate?.date ?? t.value_date, rateSource: rate?.source ?? 'USD' });
    }
  }
  return hxlCsv(FLOWS, rows);
}
