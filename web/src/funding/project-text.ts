import type { Project } from '../../../src/modules/funding/projects.schema.js';

type Text = Project['title'];

/** The text in the reader's language when the project has it, else English (IATI's default narrative). */
export const localText = (text: Text, lang: string): string => (lang === 'uk' ? text.uk : lang === 'ja' ? text.ja : undefined) || text.en;

/** The language the shown text is really in, for the lang attribute (screen readers pronounce it right). */
export const localTextLang = (text: Text, lang: string): string => ((lang === 'uk' && text.uk) || (lang === 'ja' && text.ja) ? lang : 'en');
