import type { Principal } from '../../context.js';
import { readerOf, type Database } from '../../db/database.js';
import { editScope } from '../../scope.js';
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
  const facilities = await openFacilityRows(readerOf(database), editScope(principal));
  const current = await currentReports(readerOf(database), facilities.map((f) => f.id));
  const staleBefore = new Date(now - (query.staleDays ?? 30) * 86_400_000).toISOString();
  const findings: Finding[] = [];
  for (const f of facilities) {
    const report = current.get(f.id);
    const observedAt = report?.observed_at.slice(0, 10);
    if (report === undefined) findings.push({ check: 'stale', reason: 'no_report', facility: f, detail: 'no status report yet' });
    else if (report.observed_at < staleBefore) findings.push({ check: 'stale', reason: 'last_report', facility: f, observedAt, detail: `last report observed ${observedAt}` });
    if (!isInsideUkraine(f.lat, f.lon)) findings.push({ check: 'outside_country', reason: 'outside_country', facility: f, detail: 'coordinates are outside Ukraine' });
    if (report !== undefined) for (const c of contradictions(report)) findings.push({ check: 'contradiction', reason: c.reason, facility: f, observedAt, detail: `latest report (${observedAt}): ${c.text}` });
  }
  findings.push(...outsideOwnOblast(facilities, await loadOblastShapes(database.db)));
  findings.push(...likelyDuplicates(facilities));
  const counts: Record<string, number> = Object.fromEntries(QUALITY_CHECKS.map((c) => [c, 0]));
  for (const x of findings) counts[x.check] = (counts[x.check] ?? 0) + 1;
  const items = findings
    .filter((x) => query.check === undefined || x.check === query.check)
    .slice(0, query.limit ?? 500)
    .map((x) => ({
      check: x.check,
      facilityId: x.facility.id,
      code: x.facility.code,
      nameEn: x.facility.name_en,
      nameUk: x.facility.name_uk,
      oblastIso: oblastIsoOfPath(x.facility.area_path),
      detail: x.detail,
      reason: x.reason,
      observedAt: x.observedAt ?? null,
      distanceM: x.distanceM ?? null,
      fallsInOblastIso: x.fallsInOblastIso ?? null,
      relatedFacilityId: x.related?.id ?? null,
      related: x.related === undefined ? null : { code: x.related.code, nameUk: x.related.name_uk, nameEn: x.related.name_en },
    }));
  return { counts, items };
}
