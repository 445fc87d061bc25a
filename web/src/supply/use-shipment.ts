import { useQuery } from '@tanstack/react-query';
import type { Shipment } from '../../../src/modules/supply/shipments.schema.js';
import { api } from '../api/client.js';

export type ShipmentLine = Shipment['lines'][number];

export const useShipment = (id: string) => useQuery({ queryKey: ['supply', 'shipments', 'one', id], queryFn: () => api<Shipment>(`/api/v1/shipments/${id}`) });

/** Shipments that can still take a receipt (as RECEIVABLE in shipments.service.ts). */
export const isReceivable = (status: string): boolean => status === 'in_transit' || status === 'partially_received';

/** Lot-tracked kinds carry lot and expiry; the rest is equipment, received with one serial per unit. */
export const tracksLots = (kind: string): boolean => kind === 'medicine' || kind === 'consumable';
