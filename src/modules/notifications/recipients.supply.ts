import type { Database } from '../../db/database.js';
import { facilityRowById } from '../facilities/facilities.service.js';
import { getLocation } from '../supply/locations.service.js';
import { getLot, traceLot } from '../supply/lots.service.js';
import { loadShipment } from '../supply/shipments.service.js';
import type { NotificationEvent } from '../events/events.js';
import { candidatesInRoles, mayRead, nameIn, SYSTEM, worksAt, type Resolved } from './notifications.recipients.js';

type Place = { facilityId: string | null; areaPath: string; name: string };
const roleAt = (place: Place): 'warehouse_officer' | 'facility_reporter' => (place.facilityId === null ? 'warehouse_officer' : 'facility_reporter');

/** A recalled lot: the reporters of each facility and the officers of each warehouse that holds it or ever received it. */
export async function recallRecipients(database: Database, e: Extract<NotificationEvent, { kind: 'lot_recalled' }>): Promise<Resolved[]> {
  const trace = await traceLot(database, SYSTEM, e.lotId);
  const places: Place[] = [];
  for (const l of trace.locations) {
    const loc = await getLocation(database.db, SYSTEM, l.locationId, '');
    places.push({ facilityId: loc.facility_id, areaPath: loc.area_path, name: loc.name });
  }
  const out: Resolved[] = [];
  for (const c of await candidatesInRoles(database, ['facility_reporter', 'warehouse_officer'])) {
    const mine = places.filter((p) => worksAt(c, roleAt(p), p));
    if (mine.length === 0 || !(await mayRead(() => getLot(database, c.principal, e.lotId)))) continue;
    out.push({ userId: c.user.id, params: { lot: trace.lot.lotCode, product: trace.lot.productName, place: mine.map((p) => p.name).join(', '), reason: e.reason }, link: `/supply/lots/${e.lotId}` });
  }
  return out;
}

/** A shipment on its way: the reporters of the receiving facility (or the officers of the receiving warehouse). */
export async function dispatchRecipients(database: Database, e: Extract<NotificationEvent, { kind: 'shipment_dispatched' }>): Promise<Resolved[]> {
  const { shipment } = await loadShipment(database, SYSTEM, e.shipmentId);
  const loc = await getLocation(database.db, SYSTEM, shipment.to_location_id, '');
  const place: Place = { facilityId: loc.facility_id, areaPath: loc.area_path, name: loc.name };
  const out: Resolved[] = [];
  for (const c of await candidatesInRoles(database, [roleAt(place)])) {
    if (!worksAt(c, roleAt(place), place) || !(await mayRead(() => loadShipment(database, c.principal, e.shipmentId)))) continue;
    const donor = nameIn(c.user.language, { uk: shipment.donor_name_uk, en: shipment.donor_name, ja: shipment.donor_name_ja });
    out.push({ userId: c.user.id, params: { place: place.name, donor, reference: shipment.donor_reference, expected: shipment.expected_arrival.slice(0, 10) }, link: `/supply/shipments/${e.shipmentId}` });
  }
  return out;
}

/** Stock under its minimum months at a facility: the facility's reporters. */
export async function stockLowRecipients(database: Database, e: Extract<NotificationEvent, { kind: 'stock_low' }>): Promise<Resolved[]> {
  const facility = await facilityRowById(database.db, e.facilityId);
  if (facility === undefined) return [];
  const place: Place = { facilityId: facility.id, areaPath: facility.area_path, name: facility.name_uk };
  const out: Resolved[] = [];
  for (const c of await candidatesInRoles(database, ['facility_reporter'])) {
    if (!worksAt(c, 'facility_reporter', place)) continue;
    const months = e.monthsOfStock === null ? 0 : Math.round(e.monthsOfStock * 10) / 10;
    out.push({ userId: c.user.id, params: { product: e.productName, facility: nameIn(c.user.language, { uk: facility.name_uk, en: facility.name_en }), months }, link: `/my-facility/${facility.id}` });
  }
  return out;
}
