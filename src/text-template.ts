/** The languages of the texts the server writes itself (notifications, reasons): the interface's three. */
export type TextLanguage = 'uk' | 'en' | 'ja';

/** A reader's language among the three; anything else reads Ukrainian, the country's language. */
export const textLanguage = (language: string): TextLanguage => (language === 'en' || language === 'ja' ? language : 'uk');

/** Values a template's `{{name}}` slots take. */
export type TemplateValues = Readonly<Record<string, string | number>>;

/** Fills each `{{name}}` of a template with its value (an unknown name with nothing). */
export const fillTemplate = (template: string, values: TemplateValues): string => template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
