import type { Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { getOrganization } from '../organizations/organizations.service.js';
import { listAgreements } from './agreements.repository.js';
import { presentAgreements } from './agreements.presenter.js';
import { followThroughOf } from './follow-through.service.js';
import type { FollowThrough, PartnerPage } from './follow-through.schema.js';
import { listMeetings } from './meetings.repository.js';
import { presentMeetings } from './meetings.presenter.js';
import { partnerScope } from './partnerships.access.js';

/** Bounds of one partner page; a partner with more is read through the paged lists. */
const MAX_AGREEMENTS = 50;
const MAX_MEETINGS = 50;

/** Everything about one partner the caller may see: its agreements with their follow-through, and its meetings. */
export async function partnerPage(database: Database, principal: Principal | null, organizationId: string, currency: string): Promise<PartnerPage> {
  const org = await getOrganization(database, organizationId);
  const scope = partnerScope(principal);
  const [agreementRows, meetingRows] = await Promise.all([
    listAgreements(database.db, scope, { partnerId: organizationId }, undefined, MAX_AGREEMENTS),
    listMeetings(database.db, scope, { organizationId }, undefined, MAX_MEETINGS),
  ]);
  const shown = agreementRows.slice(0, MAX_AGREEMENTS);
  const agreements = await presentAgreements(database.db, shown);
  const followThrough: FollowThrough[] = [];
  for (const row of shown) followThrough.push(await followThroughOf(database, row, currency));
  return {
    organization: { id: org.id, nameEn: org.name_en, nameUk: org.name_uk, nameJa: org.name_ja, type: org.type, country: org.country },
    currency,
    agreements: agreements.map((agreement, i) => ({ agreement, followThrough: followThrough[i] as FollowThrough })),
    meetings: await presentMeetings(database.db, meetingRows.slice(0, MAX_MEETINGS)),
  };
}
