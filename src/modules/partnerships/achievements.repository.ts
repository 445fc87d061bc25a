import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { AgreementAchievementsTable } from './partnerships.tables.js';

export type AchievementRow = AgreementAchievementsTable;
/** A recorded achievement with its evidence document's description and its recorder's name. */
export type AchievementListRow = AchievementRow & { filename: string; media_type: string; sha256: string; recorder_name: string | null };

export async function insertAchievement(db: Kysely<DB>, row: AchievementRow): Promise<void> {
  await db.insertInto('agreement_achievements').values(row).execute();
}

const withEvidence = (db: Kysely<DB>) =>
  db
    .selectFrom('agreement_achievements as a')
    .innerJoin('agreement_documents as d', 'd.id', 'a.document_id')
    .leftJoin('users as u', 'u.id', 'a.recorded_by')
    .selectAll('a')
    .select(['d.filename', 'd.media_type', 'd.sha256', 'u.name as recorder_name']);

export const findAchievement = (db: Kysely<DB>, id: string): Promise<AchievementListRow | undefined> => withEvidence(db).where('a.id', '=', id).executeTakeFirst();

/** The achievements of these agreements in id order (recording order), optionally one page after an id. */
export async function listAchievements(db: Kysely<DB>, agreementIds: readonly string[], page?: { afterId: string | undefined; limit: number }): Promise<AchievementListRow[]> {
  if (agreementIds.length === 0) return [];
  let q = withEvidence(db).where('a.agreement_id', 'in', [...agreementIds]);
  if (page?.afterId !== undefined) q = q.where('a.id', '>', page.afterId);
  q = q.orderBy('a.id');
  return page === undefined ? q.execute() : q.limit(page.limit + 1).execute();
}

/** Whether the document belongs to the agreement (evidence must be the agreement's own). */
export async function documentOfAgreement(db: Kysely<DB>, agreementId: string, documentId: string): Promise<boolean> {
  return (await db.selectFrom('agreement_documents').select('id').where('agreement_id', '=', agreementId).where('id', '=', documentId).executeTakeFirst()) !== undefined;
}
