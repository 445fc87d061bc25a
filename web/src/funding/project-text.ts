import type { Project } from '../../../src/modules/funding/projects.schema.js';

type Text = Project['title'];

/**
 * The language a text is shown in: the reader's when the project has it, else
 * uk, en or ja, else the first language the text has (an imported IATI
 * activity may be in Finnish or Dutch only).
 */
export const localTextLang = (text: Text, lang: string): string => {
  const t = text as Record<string, string | undefined>;
  const has = (l: string) => t[l] !== undefined && t[l] !== '';
  return [lang, 'en', 'uk', 'ja'].find(has) ?? Object.keys(t).find(has) ?? 'en';
};

/** The text in the language localTextLang chose. */
export const localText = (text: Text, lang: string): string => (text as Record<string, string | undefined>)[localTextLang(text, lang)] ?? '';
