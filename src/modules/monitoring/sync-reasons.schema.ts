import { fillTemplate, textLanguage, type TemplateValues, type TextLanguage } from '../../text-template.js';

/*
 * Sync's own words, in uk, en and ja: the record kinds a phone sends and why the server kept one for review. They
 * live with sync (the inbox stores the English reason and its code); the notifications module writes them into a
 * dismissed record's notice in the reader's language (texts.schema.ts there), so it depends on this, not the reverse.
 */

/** Offline record kinds (sync) as a refusal names them. */
const RECORDS: Record<TextLanguage, Record<string, string>> = {
  en: { status_report: 'status report', incident: 'incident report', facility_edit: 'facility change', receipt: 'delivery receipt', stock_move: 'stock movement', stock_count: 'stock count', asset_status: 'equipment condition', need: 'need' },
  uk: { status_report: 'звіт про стан', incident: 'повідомлення про інцидент', facility_edit: 'зміну закладу', receipt: 'приймання поставки', stock_move: 'рух запасів', stock_count: 'підрахунок запасів', asset_status: 'стан обладнання', need: 'потребу' },
  ja: { status_report: '状況報告', incident: 'インシデント報告', facility_edit: '施設の変更', receipt: '受領記録', stock_move: '在庫移動', stock_count: '棚卸', asset_status: '機器の状態', need: 'ニーズ' },
};

/**
 * Why the server kept a record from a phone for review, by code: the review inbox keeps the code and its values
 * with the entry, so the sender of a dismissed record reads the reason in their own language. `{{record}}` is the
 * record's kind, named as above.
 */
export const SYNC_REASON_CODES = ['stale_facility_edit', 'stale_asset_status', 'client_id_reused'] as const;
export type SyncReasonCode = (typeof SYNC_REASON_CODES)[number];
const SYNC_REASONS: Record<TextLanguage, Record<SyncReasonCode, string>> = {
  en: {
    stale_facility_edit: 'the edit was made on version {{baseVersion}}, but the facility is now at version {{currentVersion}}',
    stale_asset_status: 'the condition was reported on version {{baseVersion}} of unit {{serial}}, but it is now at version {{currentVersion}}',
    client_id_reused: 'a different {{record}} was sent under a client id already used',
  },
  uk: {
    stale_facility_edit: 'зміну зроблено у версії {{baseVersion}}, але заклад уже у версії {{currentVersion}}',
    stale_asset_status: 'стан повідомлено для версії {{baseVersion}} одиниці {{serial}}, але вона вже у версії {{currentVersion}}',
    client_id_reused: 'під тим самим ідентифікатором клієнта вже надіслано інший запис ({{record}})',
  },
  ja: {
    stale_facility_edit: 'バージョン {{baseVersion}} に対して変更されましたが、施設は現在バージョン {{currentVersion}} です',
    stale_asset_status: '機器 {{serial}} のバージョン {{baseVersion}} に対して状態が報告されましたが、現在はバージョン {{currentVersion}} です',
    client_id_reused: '同じクライアント ID で別の{{record}}がすでに送信されています',
  },
};

export const isSyncReason = (code: unknown): code is SyncReasonCode => (SYNC_REASON_CODES as readonly unknown[]).includes(code);

/** A record kind named in a language (an unknown kind as a need, the most general). */
export const namedRecords = <T extends TemplateValues>(lang: TextLanguage, values: T): T =>
  typeof values.record === 'string' ? { ...values, record: RECORDS[lang][values.record] ?? RECORDS[lang].need ?? '' } : values;

/** Why a record was kept for review, in a language; `values` holds the code's values and the record's kind. */
export const syncReasonText = (language: string, code: SyncReasonCode, values: TemplateValues): string => {
  const lang = textLanguage(language);
  return fillTemplate(SYNC_REASONS[lang][code], namedRecords(lang, values));
};
