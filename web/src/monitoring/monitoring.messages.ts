import type { Shape } from '../i18n/en.js';

/** This area's messages in each language; en is the shape the others must match (merged in web/src/i18n). */
const en = {
  title: 'Monitoring',
};

export const monitoringMessages: { en: typeof en; uk: Shape<typeof en>; ja: Shape<typeof en> } = {
  en,
  uk: {
    title: 'Моніторинг',
  },
  ja: {
    title: 'モニタリング',
  },
};
