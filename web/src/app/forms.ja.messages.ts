import type { Shape } from '../i18n/en.js';
import type { formsEn } from './forms.messages.js';

/** Japanese texts of forms.messages.ts (same keys as formsEn, checked by the compiler). */
export const formsJa: Shape<typeof formsEn> = {
  rules: {
    required: 'この項目は必須です。',
    minimum: '{{limit}} 以上を入力してください。',
    maximum: '{{limit}} 以下を入力してください。',
    exclusiveMinimum: '{{limit}} より大きい値を入力してください。',
    exclusiveMaximum: '{{limit}} より小さい値を入力してください。',
    minLength: '{{limit}} 文字以上入力してください。',
    notEmpty: 'この項目は空欄にできません。',
    maxLength: '{{limit}} 文字以内で入力してください。',
    minItems: '{{limit}} 個以上選んでください。',
    maxItems: '{{limit}} 個以内で選んでください。',
    decimal: '1234.50 のような数値を入力してください（小数点はピリオド）。',
    code: '想定された形式ではありません。元の資料と照合してください。',
    date: '日付を入力してください。',
    dateTime: '日付と時刻を入力してください。',
    uuid: '一覧から選んでください。',
    email: 'name@example.org のようなメールアドレスを入力してください。',
    number: '数値を入力してください。',
    integer: '整数を入力してください。',
    enum: '選択肢の中から選んでください。',
    unknownField: 'この項目はここでは受け付けられません。',
    other: 'この値は受け付けられません。',
  },
  fields: {
    observedAt: '観察日時',
    occurredAt: '発生日時',
    facilityId: '施設',
    quantity: '数量',
    countedQuantity: '実地数量',
    unit: '単位',
    amount: '金額',
    currency: '通貨',
    valueDate: '計上日',
    reason: '理由',
    entries: '明細',
  },
  server: 'この項目を確認してください。',
  field: '{{field}}：{{problem}}',
};
