import type { OrganizationRow } from './organizations.tables.js';
import type { Organization } from './organizations.schema.js';

export const presentOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  nameUk: row.name_uk,
  nameEn: row.name_en,
  nameJa: row.name_ja,
  type: row.type as Organization['type'],
  country: row.country,
  iatiOrgId: row.iati_org_id,
  parentId: row.parent_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});
