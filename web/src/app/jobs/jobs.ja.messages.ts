import type { Shape } from '../../i18n/en.js';
import type { jobsEn } from './jobs.messages.js';

/** Japanese texts of jobs.messages.ts (same keys as jobsEn, checked by the compiler). */
export const jobsJa: Shape<typeof jobsEn> = {
  phases: {
    queued: '開始待ち',
    preparing: '準備中',
    starting: 'ソルバーを起動中',
    bound: '最良の可能値を計算中',
    guided_plan: '最初の計画を作成中',
    greedy: '最初の計画を作成中',
    exact: '厳密に求解中',
    local_search: '計画を改善中',
    exporting: 'ファイルを書き出し中',
    checking: '行を検査中',
    writing: '行を書き込み中',
    working: '処理中',
  },
  counts: {
    seconds: '{{total}} 秒中 {{done}} 秒',
    items: '{{total}} 件中 {{done}} 件',
    activities: '{{done}} 件の活動を書き出しました',
  },
  rows: {
    checked_other: '{{done}} 行を検査しました',
    written_other: '{{total}} 行中 {{done}} 行を書き込みました',
  },
  progressLabel: '進捗',
  cancel: 'キャンセル',
  cancelling: 'キャンセル中…',
  starting: '開始中…',
  failed: '完了しませんでした。',
  cancelled: 'キャンセルしました：何も保存されていません。',
};
