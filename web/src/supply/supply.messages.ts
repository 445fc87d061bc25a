import type { Shape } from '../i18n/en.js';

/** This area's messages in each language; en is the shape the others must match (merged in web/src/i18n). */
const en = {
  title: 'Supply',
};

export const supplyMessages: { en: typeof en; uk: Shape<typeof en>; ja: Shape<typeof en> } = {
  en,
  uk: {
    title: 'Постачання',
  },
  ja: {
    title: '物資',
  },
};
