import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { iatiActivitiesXml, type IatiActivity, type IatiOrg } from '../../io/iati/activity-xml.js';
import { getOrganization } from '../organizations/organizations.service.js';
import type { OrganizationRow } from '../organizations/organizations.repository.js';
import { presentProject } from './projects.presenter.js';
import { listProjects } from './projects.repository.js';
import { allTransactionsOf } from './transactions.repository.js';

/** Our organisation types as IATI OrganisationType codes (10 government, 11 local government, 21/22 NGO, 40 multilateral, 70 private). */
const IATI_ORG_TYPE: Record<string, string> = {
  ministry: '10', regional_health_dept: '11', donor_government: '10', bilateral_agency: '10', multilateral: '40', ngo: '21', private: '70', facility_operator: '15',
};
/** IATI OrganisationRole codes. */
const IATI_ROLE: Record<string, string> = { funding: '1', accountable: '2', extending: '3', implementing: '4' };

/**
 * All projects (optionally those reported by the organisation with IATI id
 * `orgRef`) as an IATI 2.03 document. Project finance is public (DESIGN §5);
 * no facility is named, so nothing restricted can leave here.
 */
export async function exportIati(database: Database, orgRef: string | undefined, generated: string): Promise<{ xml: string; count: number }> {
  const orgs = new Map<string, OrganizationRow>();
  const orgOf = async (id: string): Promise<OrganizationRow> => {
    const hit = orgs.get(id);
    if (hit !== undefined) return hit;
    const row = await getOrganization(database, id);
    orgs.set(id, row);
    return row;
  };
  const iatiOrg = (o: OrganizationRow): IatiOrg => ({ ref: o.iati_org_id, type: IATI_ORG_TYPE[o.type] ?? '90', name: o.name_en });
  const activities: IatiActivity[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await listProjects(database.db, {}, after, 500);
    for (const row of rows.slice(0, 500)) {
      const reporting = await orgOf(row.reporting_org_id);
      if (reporting.iati_org_id === null || (orgRef !== undefined && reporting.iati_org_id !== orgRef)) continue;
      const p = presentProject(row);
      const participants = [];
      for (const x of p.participants) participants.push({ ...iatiOrg(await orgOf(x.organizationId)), role: IATI_ROLE[x.role] ?? '4' });
      const transactions = [];
      for (const t of await allTransactionsOf(database.db, row.id)) {
        transactions.push({
          type: t.type, date: t.value_date, amount: t.amount, currency: t.currency, valueDate: t.value_date,
          provider: t.provider_org_id === null ? null : iatiOrg(await orgOf(t.provider_org_id)),
          receiver: t.receiver_org_id === null ? null : iatiOrg(await orgOf(t.receiver_org_id)),
        });
      }
      activities.push({
        identifier: p.iatiIdentifier, lastUpdated: p.updatedAt, defaultCurrency: p.budgets[0]?.currency ?? transactions[0]?.currency ?? 'USD', humanitarian: p.humanitarian,
        reportingOrg: { ...iatiOrg(reporting), ref: reporting.iati_org_id }, title: p.title, description: p.description, participants, status: p.status,
        startDate: p.startDate, endDate: p.endDate, sectors: p.sectors, budgets: p.budgets, transactions,
      });
    }
    if (rows.length <= 500) break;
    after = rows[499]?.id;
  }
  // The XSD requires at least one activity: an empty file would not be valid IATI, so say "nothing" instead.
  if (activities.length === 0) throw new AppError('not_found', orgRef === undefined ? 'No projects with an IATI reporting organisation to export.' : `No projects reported by "${orgRef}" to export.`);
  return { xml: iatiActivitiesXml(activities, generated), count: activities.length };
}
