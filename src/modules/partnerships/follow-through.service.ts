import type { Principal } from '../../context.js';
import { readerOf, type Database } from '../../db/database.js';
import { sumAmounts } from '../../engine/fx/convert.js';
import { projectMoney } from '../funding/project-money.js';
import { agreementParts, linksOf, type AgreementRow } from './agreements.repository.js';
import { getAgreement } from './agreements.service.js';
import { parseDecimal, formatPlain } from '../../engine/fx/decimal.js';
import { listAchievements, type AchievementListRow } from './achievements.repository.js';
import { presentAchievement } from './achievements.service.js';
import { DELIVERY_AREAS, deliveryAreaOf } from './delivery-areas.js';
import { generatorFigures, projectBriefs, receivedLines, type GeneratorFigures, type ReceivedLine } from './follow-through.repository.js';
import type { AreaFollowThrough, Deliveries, FollowThrough, LinkedProject, Money, Progress } from './follow-through.schema.js';
import type { PriorityArea, Target } from './partnerships.schema.js';

const NO_DELIVERIES: Deliveries = { generatorsArrived: 0, generatorsInstalled: 0, arrivedMw: '0.000', installedMw: '0.000', shipmentsReceived: 0 };

const mw = (kw: number): string => (kw / 1000).toFixed(3);

function deliveriesOf(generators: GeneratorFigures | null, shipments: number): Deliveries {
  return {
    generatorsArrived: generators?.arrived ?? 0,
    generatorsInstalled: generators?.installed ?? 0,
    arrivedMw: mw(generators?.arrivedKw ?? 0),
    installedMw: mw(generators?.installedKw ?? 0),
    shipmentsReceived: shipments,
  };
}

const sumMoney = (list: readonly Money[]): Money => ({
  pledged: sumAmounts(list.map((m) => m.pledged)),
  committed: sumAmounts(list.map((m) => m.committed)),
  disbursed: sumAmounts(list.map((m) => m.disbursed)),
});

interface AreaFigures {
  deliveries: Deliveries | null;
  facilities: number;
  projects: number;
  recorded: readonly AchievementListRow[];
}

/** A measured unit's figures (achieved; installed for generator units); undefined for units followed by hand. */
function measured(unit: string, area: AreaFigures): { achieved: string | null; installed: string | null } | undefined {
  const d = area.deliveries;
  switch (unit) {
    case 'generators':
      return d === null ? { achieved: null, installed: null } : { achieved: String(d.generatorsArrived), installed: String(d.generatorsInstalled) };
    case 'MW':
      return d === null ? { achieved: null, installed: null } : { achieved: d.arrivedMw, installed: d.installedMw };
    case 'kW':
      return d === null ? { achieved: null, installed: null } : { achieved: (Number(d.arrivedMw) * 1000).toFixed(0), installed: (Number(d.installedMw) * 1000).toFixed(0) };
    case 'shipments':
      return { achieved: d === null ? null : String(d.shipmentsReceived), installed: null };
    case 'facilities':
      return { achieved: String(area.facilities), installed: null };
    case 'projects':
      return { achieved: String(area.projects), installed: null };
    default:
      return undefined;
  }
}

const percentOf = (achieved: string | null, wanted: number): number | null => (achieved === null || wanted === 0 ? null : Math.round((Number(achieved) / wanted) * 1000) / 10);

function progressOf(targets: readonly Target[], area: AreaFigures): Progress[] {
  return targets.map((t) => {
    const wanted = Number(t.quantity);
    const m = measured(t.unit, area);
    if (m !== undefined) return { ...t, source: 'measured' as const, achieved: m.achieved, percent: percentOf(m.achieved, wanted), installed: m.installed, installedPercent: percentOf(m.installed, wanted), achievements: [] };
    const recorded = area.recorded.filter((r) => r.unit === t.unit);
    // Exact decimal sum: recorded values are decimal strings, never floats.
    const achieved = recorded.length === 0 ? null : formatPlain(recorded.reduce((sum, r) => sum + parseDecimal(r.value), 0n));
    return { ...t, source: 'recorded' as const, achieved, percent: percentOf(achieved, wanted), installed: null, installedPercent: null, achievements: recorded.map(presentAchievement) };
  });
}

/** Received shipments of the partners credited to each area by what they carried, and the facilities they reached. */
function shipmentsByArea(lines: readonly ReceivedLine[]): Map<PriorityArea, { shipments: Set<string>; facilities: Set<string> }> {
  const out = new Map<PriorityArea, { shipments: Set<string>; facilities: Set<string> }>();
  for (const line of lines) {
    const area = deliveryAreaOf(line);
    if (area === null) continue;
    const entry = out.get(area) ?? { shipments: new Set<string>(), facilities: new Set<string>() };
    entry.shipments.add(line.shipment_id);
    if (line.facility_id !== null) entry.facilities.add(line.facility_id);
    out.set(area, entry);
  }
  return out;
}

/**
 * What came of an agreement: its linked projects and their money in one
 * currency (each project's totals from the funding capability, so every figure
 * matches the project's own page), deliveries of its partners credited to each
 * area by content, facilities reached, and progress against each area's targets
 * (measured, or the sum of recorded achievements with their evidence).
 */
export async function followThroughOf(database: Database, agreement: AgreementRow, currency: string): Promise<FollowThrough> {
  const [{ areas, partners }, links] = await Promise.all([agreementParts(database.db, [agreement.id]), linksOf(database.db, [agreement.id])]);
  const projectIds = [...new Set(links.map((l) => l.project_id))];
  // The funding capability's kept project totals: one row per project, the figures of each project's own page.
  const money: Map<string, Money> = await projectMoney(database, projectIds, currency);
  const briefs = await projectBriefs(database.db, projectIds);
  const facilitiesOfProject = new Map(briefs.map((b) => [b.id, (JSON.parse(b.locations) as { facilities?: string[] }).facilities ?? []]));
  const donors = partners.map((p) => p.organization_id);
  const listed = new Set(areas.map((a) => a.area));
  const [generators, lines, recorded] = await Promise.all([
    listed.has('energy_autonomy') ? generatorFigures(database.db, donors) : Promise.resolve(null),
    [...listed].some((a) => DELIVERY_AREAS.includes(a as PriorityArea)) ? receivedLines(readerOf(database), donors) : Promise.resolve([]),
    listAchievements(database.db, [agreement.id]),
  ]);
  const byArea = shipmentsByArea(lines);
  const reachedAll = new Set<string>();
  const shipmentsAll = new Set<string>();
  const areaResults: AreaFollowThrough[] = areas.map((a) => {
    const area = a.area as PriorityArea;
    const ids = links.filter((l) => l.area === a.area).map((l) => l.project_id);
    const g = area === 'energy_autonomy' ? generators : null;
    const s = byArea.get(area);
    s?.shipments.forEach((id) => shipmentsAll.add(id));
    const deliveries = DELIVERY_AREAS.includes(area) ? deliveriesOf(g, s?.shipments.size ?? 0) : null;
    const reached = new Set([...ids.flatMap((id) => facilitiesOfProject.get(id) ?? []), ...(g?.facilityIds ?? []), ...(s?.facilities ?? [])]);
    reached.forEach((f) => reachedAll.add(f));
    const figures: AreaFigures = { deliveries, facilities: reached.size, projects: ids.length, recorded: recorded.filter((r) => r.area === a.area) };
    return {
      area,
      projectIds: ids,
      money: sumMoney(ids.map((id) => money.get(id) as Money)),
      deliveries,
      facilitiesReached: reached.size,
      progress: progressOf(JSON.parse(a.targets) as Target[], figures),
    };
  });
  const projects: LinkedProject[] = briefs.map((b) => ({
    id: b.id,
    iatiIdentifier: b.iati_identifier,
    title: JSON.parse(b.title) as LinkedProject['title'],
    areas: links.filter((l) => l.project_id === b.id).map((l) => l.area as PriorityArea),
    money: money.get(b.id) as Money,
  }));
  return {
    agreementId: agreement.id,
    currency,
    // Over distinct projects: a project serving two areas counts once for the agreement.
    money: sumMoney(projectIds.map((id) => money.get(id) as Money)),
    // Shipments credited to any of the agreement's areas, each once; generators when it lists energy autonomy.
    deliveries: generators === null && shipmentsAll.size === 0 ? NO_DELIVERIES : deliveriesOf(generators, shipmentsAll.size),
    facilitiesReached: reachedAll.size,
    projects,
    areas: areaResults,
  };
}

export async function agreementFollowThrough(database: Database, principal: Principal | null, agreementId: string, currency: string): Promise<FollowThrough> {
  return followThroughOf(database, await getAgreement(database, principal, agreementId), currency);
}
