import type { Shape } from '../i18n/en.js';

/** This area's messages in each language; en is the shape the others must match (merged in web/src/i18n). */
const en = {
  title: 'Partners',
};

export const partnersMessages: { en: typeof en; uk: Shape<typeof en>; ja: Shape<typeof en> } = {
  en,
  uk: {
    title: 'Партнери',
  },
  ja: {
    title: 'パートナー',
  },
};
