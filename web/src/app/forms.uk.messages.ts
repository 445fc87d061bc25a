import type { Shape } from '../i18n/en.js';
import type { formsEn } from './forms.messages.js';

/** Ukrainian texts of forms.messages.ts (same keys as formsEn, checked by the compiler). */
export const formsUk: Shape<typeof formsEn> = {
  rules: {
    required: 'Це поле обов’язкове.',
    minimum: 'Введіть {{limit}} або більше.',
    maximum: 'Введіть {{limit}} або менше.',
    exclusiveMinimum: 'Введіть більше ніж {{limit}}.',
    exclusiveMaximum: 'Введіть менше ніж {{limit}}.',
    minLength: 'Введіть щонайменше {{limit}} символів.',
    notEmpty: 'Це поле не може бути порожнім.',
    maxLength: 'Введіть не більше ніж {{limit}} символів.',
    minItems: 'Виберіть щонайменше {{limit}}.',
    maxItems: 'Виберіть не більше ніж {{limit}}.',
    decimal: 'Введіть число на зразок 1234.50: цифри, перед дробовою частиною крапка.',
    code: 'Значення має неочікувану форму; звірте його з джерелом.',
    date: 'Введіть дату.',
    dateTime: 'Введіть дату й час.',
    uuid: 'Виберіть значення зі списку.',
    email: 'Введіть адресу електронної пошти на зразок name@example.org.',
    number: 'Введіть число.',
    integer: 'Введіть ціле число.',
    enum: 'Виберіть одне із запропонованих значень.',
    unknownField: 'Це поле тут не приймається.',
    other: 'Це значення не приймається.',
  },
  fields: {
    observedAt: 'Час спостереження',
    occurredAt: 'Час події',
    facilityId: 'Заклад',
    quantity: 'Кількість',
    countedQuantity: 'Підрахована кількість',
    unit: 'Одиниця',
    amount: 'Сума',
    currency: 'Валюта',
    valueDate: 'Дата валютування',
    reason: 'Причина',
    entries: 'Рядки',
  },
  server: 'Перевірте це поле.',
  field: '{{field}}: {{problem}}',
};
