import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { accessOn, accessSentence, unreachableError } from '../geography/area-status.service.js';
import type { RuleFindingDraft } from './donation-rules.js';
import type { LocationRow } from './locations.repository.js';

/**
 * A destination in a temporarily occupied area is refused (409 naming the area: the Ministry cannot deliver
 * there) when goods are to be sent; one under active hostilities is accepted with a finding. The finding is
 * shown with the donation rules and may be accepted by a coordinator, but never blocks a receipt: goods that
 * arrived are recorded. `refuse: false` only reports (a shipment already sent is shown as it is).
 */
export async function destinationFindings(db: Kysely<DB>, to: Pick<LocationRow, 'area_path' | 'name'>, at: string, refuse = true): Promise<RuleFindingDraft[]> {
  const access = (await accessOn(db, at)).of(to.area_path);
  if (refuse && access !== null && !access.reachable) throw unreachableError(access, to.name);
  if (access?.status !== 'active_hostilities') return [];
  return [{ rule: 'destination_hostilities', lineNo: null, cartonNo: null, message: `Destination under active hostilities: ${to.name}. ${accessSentence(access)}` }];
}
