import type { Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { sumAmounts } from '../../engine/fx/convert.js';
import { projectTotals } from '../funding/transactions.service.js';
import { agreementParts, linksOf, type AgreementRow } from './agreements.repository.js';
import { getAgreement } from './agreements.service.js';
import { generatorFigures, projectBriefs, shipmentFigures, type GeneratorFigures, type ShipmentFigures } from './follow-through.repository.js';
import type { AreaFollowThrough, Deliveries, FollowThrough, LinkedProject, Money, Progress } from './follow-through.schema.js';
import type { PriorityArea, Target } from './partnerships.schema.js';

/** Deliveries count toward these areas only: generators toward energy autonomy, shipments toward medicines and equipment. */
const GENERATOR_AREAS: readonly string[] = ['energy_autonomy'];
const SHIPMENT_AREAS: readonly string[] = ['medicines', 'medical_equipment'];

const NO_DELIVERIES: Deliveries = { generatorsDelivered: 0, generatorsInstalled: 0, deliveredMw: '0.000', shipmentsDelivered: 0 };

function deliveriesOf(generators: GeneratorFigures | null, shipments: ShipmentFigures | null): Deliveries {
  return {
    generatorsDelivered: generators?.delivered ?? 0,
    generatorsInstalled: generators?.installed ?? 0,
    deliveredMw: ((generators?.deliveredKw ?? 0) / 1000).toFixed(3),
    shipmentsDelivered: shipments?.delivered ?? 0,
  };
}

const sumMoney = (list: readonly Money[]): Money => ({
  pledged: sumAmounts(list.map((m) => m.pledged)),
  committed: sumAmounts(list.map((m) => m.committed)),
  disbursed: sumAmounts(list.map((m) => m.disbursed)),
});

/** What a target's unit measures in this area's figures; null for units people follow by hand. */
function achievedFor(unit: string, area: { deliveries: Deliveries | null; facilities: number; projects: number }): string | null {
  const d = area.deliveries;
  switch (unit) {
    case 'generators':
      return d === null ? null : String(d.generatorsDelivered);
    case 'MW':
      return d === null ? null : d.deliveredMw;
    case 'kW':
      return d === null ? null : (Number(d.deliveredMw) * 1000).toFixed(0);
    case 'shipments':
      return d === null ? null : String(d.shipmentsDelivered);
    case 'facilities':
      return String(area.facilities);
    case 'projects':
      return String(area.projects);
    default:
      return null;
  }
}

function progressOf(targets: readonly Target[], area: { deliveries: Deliveries | null; facilities: number; projects: number }): Progress[] {
  return targets.map((t) => {
    const achieved = achievedFor(t.unit, area);
    const wanted = Number(t.quantity);
    return { ...t, achieved, percent: achieved === null || wanted === 0 ? null : Math.round((Number(achieved) / wanted) * 1000) / 10 };
  });
}

/**
 * What came of an agreement: its linked projects and their money in one
 * currency (each project's totals from the funding capability, so every figure
 * matches the project's own page), deliveries of its partners, facilities
 * reached, and progress against each area's targets.
 */
export async function followThroughOf(database: Database, agreement: AgreementRow, currency: string): Promise<FollowThrough> {
  const [{ areas, partners }, links] = await Promise.all([agreementParts(database.db, [agreement.id]), linksOf(database.db, [agreement.id])]);
  const projectIds = [...new Set(links.map((l) => l.project_id))];
  const money = new Map<string, Money>();
  // One totals call per linked project: an agreement links a handful, and the funding service owns conversion.
  for (const id of projectIds) {
    const t = await projectTotals(database, id, currency);
    money.set(id, { pledged: t.pledged.amount, committed: t.committed.amount, disbursed: t.disbursed.amount });
  }
  const briefs = await projectBriefs(database.db, projectIds);
  const facilitiesOfProject = new Map(briefs.map((b) => [b.id, (JSON.parse(b.locations) as { facilities?: string[] }).facilities ?? []]));
  const donors = partners.map((p) => p.organization_id);
  const listed = new Set(areas.map((a) => a.area));
  const generators = [...listed].some((a) => GENERATOR_AREAS.includes(a)) ? await generatorFigures(database.db, donors) : null;
  const shipments = [...listed].some((a) => SHIPMENT_AREAS.includes(a)) ? await shipmentFigures(database.db, donors) : null;
  const reachedAll = new Set<string>();
  const areaResults: AreaFollowThrough[] = areas.map((a) => {
    const ids = links.filter((l) => l.area === a.area).map((l) => l.project_id);
    const g = GENERATOR_AREAS.includes(a.area) ? generators : null;
    const s = SHIPMENT_AREAS.includes(a.area) ? shipments : null;
    const deliveries = g === null && s === null ? null : deliveriesOf(g, s);
    const reached = new Set([...ids.flatMap((id) => facilitiesOfProject.get(id) ?? []), ...(g?.facilityIds ?? []), ...(s?.facilityIds ?? [])]);
    reached.forEach((f) => reachedAll.add(f));
    const facilities = reached.size;
    return {
      area: a.area as PriorityArea,
      projectIds: ids,
      money: sumMoney(ids.map((id) => money.get(id) as Money)),
      deliveries,
      facilitiesReached: facilities,
      progress: progressOf(JSON.parse(a.targets) as Target[], { deliveries, facilities, projects: ids.length }),
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
    deliveries: generators === null && shipments === null ? NO_DELIVERIES : deliveriesOf(generators, shipments),
    facilitiesReached: reachedAll.size,
    projects,
    areas: areaResults,
  };
}

export async function agreementFollowThrough(database: Database, principal: Principal | null, agreementId: string, currency: string): Promise<FollowThrough> {
  return followThroughOf(database, await getAgreement(database, principal, agreementId), currency);
}
