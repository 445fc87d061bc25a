import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { agreementParts, type AgreementRow, type DocumentInfoRow } from './agreements.repository.js';
import type { Agreement, DocumentInfo } from './partnerships.schema.js';

export const presentDocument = (d: DocumentInfoRow): DocumentInfo => ({ id: d.id, filename: d.filename, mediaType: d.media_type, sizeBytes: d.size_bytes, sha256: d.sha256, createdAt: d.created_at });

/**
 * Rows → API objects with their partners, areas and documents, fetched for the
 * whole page at once. Agreements carry no restricted field (DESIGN §5): whoever
 * may read one sees all of it.
 */
export async function presentAgreements(db: Kysely<DB>, rows: readonly AgreementRow[]): Promise<Agreement[]> {
  const parts = await agreementParts(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as Agreement['kind'],
    title: JSON.parse(r.title) as Agreement['title'],
    status: r.status as Agreement['status'],
    signedOn: r.signed_on,
    startDate: r.start_date,
    endDate: r.end_date,
    partners: parts.partners.filter((p) => p.agreement_id === r.id).map((p) => ({ id: p.organization_id, nameEn: p.name_en, nameUk: p.name_uk, nameJa: p.name_ja })),
    signatories: JSON.parse(r.signatories) as Agreement['signatories'],
    areas: parts.areas.filter((a) => a.agreement_id === r.id).map((a) => ({ area: a.area as Agreement['areas'][number]['area'], targets: JSON.parse(a.targets) as Agreement['areas'][number]['targets'] })),
    pledges: JSON.parse(r.pledges) as Agreement['pledges'],
    documents: parts.documents.filter((d) => d.agreement_id === r.id).map(presentDocument),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  }));
}

export async function presentAgreement(db: Kysely<DB>, row: AgreementRow): Promise<Agreement> {
  const [shown] = await presentAgreements(db, [row]);
  if (shown === undefined) throw new Error(`agreement ${row.id} vanished while being presented`);
  return shown;
}
