import type { ProjectRow } from './projects.repository.js';
import type { Project } from './projects.schema.js';

/** Rows → API objects. Project finance is public-level data (DESIGN §5), so nothing is withheld. */
export const presentProject = (row: ProjectRow): Project => ({
  id: row.id,
  iatiIdentifier: row.iati_identifier,
  reportingOrgId: row.reporting_org_id,
  title: JSON.parse(row.title) as Project['title'],
  description: JSON.parse(row.description) as Project['description'],
  status: row.status as Project['status'],
  startDate: row.start_date,
  endDate: row.end_date,
  humanitarian: row.humanitarian === 1,
  participants: JSON.parse(row.participants) as Project['participants'],
  sectors: JSON.parse(row.sectors) as Project['sectors'],
  locations: JSON.parse(row.locations) as Project['locations'],
  budgets: JSON.parse(row.budgets) as Project['budgets'],
  results: JSON.parse(row.results) as Project['results'],
  reconstruction: row.reconstruction === null ? null : (JSON.parse(row.reconstruction) as Project['reconstruction']),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/** A text in the first of `order` it has, else in the first language it has (an imported activity may be in Finnish only). */
export const shownText = (text: Project['title'], order: readonly string[] = ['uk', 'en', 'ja']): string => {
  const t = text as Record<string, string | undefined>;
  for (const lang of order) if (t[lang] !== undefined && t[lang] !== '') return t[lang];
  return Object.values(t).find((v) => v !== undefined && v !== '') ?? '';
};
