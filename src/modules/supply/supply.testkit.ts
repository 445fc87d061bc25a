import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { gs1CheckDigit } from './gs1.js';
import type { Location } from './locations.schema.js';
import type { Product, ProductCreate } from './products.schema.js';
import type { Shipment, ShipmentCreate } from './shipments.schema.js';

/** Test helpers for the supply module: everything is made through the HTTP API, as a user would. */

export type Headers = { authorization: string };
let counter = 0;

/** A valid GTIN-14 with the right check digit, different on every call. */
export function freshGtin(): string {
  counter += 1;
  const body = `0${String(process.pid % 1000).padStart(3, '0')}${String(Date.now() % 1e5).padStart(5, '0')}${String(counter % 10_000).padStart(4, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/** ISO date `months` from today. */
export function monthsFromNow(months: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function post<T>(app: FastifyInstance, headers: Headers, url: string, payload: unknown, status = 201): Promise<T> {
  const res = await app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
  return res.json<T>();
}

export const makeProduct = (app: FastifyInstance, headers: Headers, overrides: Partial<ProductCreate> = {}): Promise<Product> =>
  post<Product>(app, headers, '/api/v1/products', { kind: 'medicine', name: 'Amoxicillin 500 mg capsules', inn: 'amoxicillin', atcCode: 'J01CA04', form: 'capsule', strength: '500 mg', unit: 'pack', packSize: 20, gtin: freshGtin(), essential: true, ...overrides });

export const makeDonor = (app: FastifyInstance, headers: Headers, name = 'Test donor agency'): Promise<{ id: string }> =>
  post<{ id: string }>(app, headers, '/api/v1/organizations', { nameUk: name, nameEn: name, type: 'bilateral_agency', country: 'JP' });

export const makeWarehouse = (app: FastifyInstance, headers: Headers, areaKatottg = 'UA46000000000026241', name = 'Lviv central warehouse'): Promise<Location> =>
  post<Location>(app, headers, '/api/v1/locations', { name, areaKatottg });

export const facilityLocation = (app: FastifyInstance, headers: Headers, facilityId: string): Promise<Location> => post<Location>(app, headers, '/api/v1/locations/facility', { facilityId }, 200);

/** A notice that passes every donation rule unless the overrides say otherwise. */
export function notice(donorOrgId: string, toLocationId: string, lines: ShipmentCreate['lines'], overrides: Partial<ShipmentCreate> = {}): ShipmentCreate {
  return { donorOrgId, donorReference: `REF-${++counter}`, origin: 'Tokyo, Japan', toLocationId, expectedArrival: daysFromNow(7), recipientAgreedOn: daysFromNow(-3), lines, ...overrides };
}

export const createShipment = (app: FastifyInstance, headers: Headers, body: ShipmentCreate): Promise<Shipment> => post<Shipment>(app, headers, '/api/v1/shipments', body);

export const markInTransit = (app: FastifyInstance, headers: Headers, shipment: Shipment): Promise<Shipment> =>
  post<Shipment>(app, headers, `/api/v1/shipments/${shipment.id}/status`, { status: 'in_transit', version: shipment.version }, 200);

/** Stock on hand of a lot at a location, as the API reports it. */
export async function onHand(app: FastifyInstance, headers: Headers, locationId: string, lotId: string): Promise<number> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/stock?locationId=${locationId}&lotId=${lotId}&includeEmpty=true`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { quantity: number }[] }>().items.reduce((s, b) => s + b.quantity, 0);
}
