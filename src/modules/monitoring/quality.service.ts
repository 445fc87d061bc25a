import type { Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { editScope } from '../access/access.scope.js';
import { oblastIsoOfPath } from '../facilities/facilities.presenter.js';
import { openFacilityRows } from '../facilities/facilities.service.js';
import { isInsideUkraine } from '../geography/country-outline.js';
import { currentReports } from './status.repository.js';
import { contradictions, likelyDuplicates, type Finding } from './quality.checks.js';
import { loadOblastShapes, outsideOwnOblast } from './quality.oblast.js';
import { QUALITY_CHECKS, type QualityQuery, type QualityReport } from './quality.schema.js';

/**
 * Data-quality findings over the open facilities a coordinator is responsible for (their edit scope):
 * stale reporting, coordinates outside the country or (when boundaries are loaded) their oblast, likely
 * duplicates, contradictory latest reports.
 */
export async function dataQuality(database: Database, principal: Principal | null, query: QualityQuery, now = Date.now()): Promise<QualityReport> {
  const facilities = await openFacilityRows(database.db, editScope(principal));
  const current = await currentReports(database.db, facilities.map((f) => f.id));
  const staleBefore = new Date(now - (query.staleDays ?? 30) * 86_400_000).toISOString();
  const findings: Finding[] = [];
  for (const f of facilities) {
    const report = current.get(f.id);
    if (report === undefined) findings.push({ check: 'stale', facility: f, detail: 'no status report yet' });
    else if (report.observed_at < staleBefore) findings.push({ check: 'stale', facility: f, detail: `last report observed ${report.observed_at.slice(0, 10)}` });
    if (!isInsideUkraine(f.lat, f.lon)) findings.push({ check: 'outside_country', facility: f, detail: 'coordinates are outside Ukraine' });
    if (report !== undefined) for (const c of contradictions(report)) findings.push({ check: 'contradiction', facility: f, detail: `latest report (${report.observed_at.slice(0, 10)}): ${c}` });
  }
  findings.push(...outsideOwnOblast(facilities, await loadOblastShapes(database.db)));
  findings.push(...likelyDuplicates(facilities));
  const counts: Record<string, number> = Object.fromEntries(QUALITY_CHECKS.map((c) => [c, 0]));
  for (const x of findings) counts[x.check] = (counts[x.check] ?? 0) + 1;
  const items = findings
    .filter((x) => query.check === undefined || x.check === query.check)
    .slice(0, query.limit ?? 500)
    .map((x) => ({ check: x.check, facilityId: x.facility.id, code: x.facility.code, nameEn: x.facility.name_en, oblastIso: oblastIsoOfPath(x.facility.area_path), detail: x.detail, relatedFacilityId: x.related?.id ?? null }));
  return { counts, items };
}
