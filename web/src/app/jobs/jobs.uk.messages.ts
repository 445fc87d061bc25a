import type { Shape } from '../../i18n/en.js';
import type { jobsEn } from './jobs.messages.js';

/** Ukrainian texts of jobs.messages.ts (same keys as jobsEn, checked by the compiler). */
export const jobsUk: Shape<typeof jobsEn> = {
  phases: {
    queued: 'Очікує початку',
    preparing: 'Підготовка',
    starting: 'Запуск розв’язувача',
    bound: 'Оцінка найкращого можливого',
    guided_plan: 'Складання першого плану',
    greedy: 'Складання першого плану',
    exact: 'Точний розв’язок',
    local_search: 'Покращення плану',
    exporting: 'Запис файлу',
    checking: 'Перевірка рядків',
    writing: 'Запис рядків',
    working: 'Триває робота',
  },
  counts: {
    seconds: '{{done}} з {{total}} с',
    items: '{{done}} з {{total}}',
    activities: 'Записано діяльностей: {{done}}',
  },
  rows: {
    checked_one: 'Перевірено {{done}} рядок',
    checked_few: 'Перевірено {{done}} рядки',
    checked_many: 'Перевірено {{done}} рядків',
    checked_other: 'Перевірено {{done}} рядка',
    written_one: 'Записано {{done}} з {{total}} рядка',
    written_few: 'Записано {{done}} з {{total}} рядків',
    written_many: 'Записано {{done}} з {{total}} рядків',
    written_other: 'Записано {{done}} з {{total}} рядка',
  },
  progressLabel: 'Поступ',
  cancel: 'Скасувати',
  cancelling: 'Скасування…',
  starting: 'Запуск…',
  failed: 'Роботу не завершено.',
  cancelled: 'Скасовано: нічого не збережено.',
};
