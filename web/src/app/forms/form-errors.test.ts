import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { ja } from '../../i18n/ja.js';
import { uk } from '../../i18n/uk.js';
import { problemLine, problemSentence } from './form-errors.js';

describe('a refused field in the reader\'s language', () => {
  beforeAll(async () => {
    await i18next.init({ resources: { uk: { translation: uk }, en: { translation: en }, ja: { translation: ja } }, lng: 'uk', fallbackLng: 'en' });
  });

  it('says a schema rule in words, never the regular expression or ajv\'s English', async () => {
    await i18next.changeLanguage('uk');
    expect(problemSentence({ path: '/amount', message: 'must be a number such as 1234.50', rule: 'pattern', limit: 'decimal' })).toBe('Введіть число на зразок 1234.50: цифри, перед дробовою частиною крапка.');
    expect(problemSentence({ path: '/beds', message: 'must be >= 0', rule: 'minimum', limit: 0 })).toBe('Введіть 0 або більше.');
    await i18next.changeLanguage('ja');
    expect(problemSentence({ path: '/name', message: 'is required', rule: 'required' })).toBe('この項目は必須です。');
    expect(problemSentence({ path: '/name', message: 'must NOT have fewer than 1 characters', rule: 'minLength', limit: 1 })).toBe('この項目は空欄にできません。');
  });

  it('keeps the server\'s own check in its words after a translated lead-in, and names common fields', async () => {
    await i18next.changeLanguage('uk');
    expect(problemSentence({ path: '/observedAt', message: 'is before the facility opened' })).toBe('Перевірте це поле. (is before the facility opened)');
    await i18next.changeLanguage('en');
    expect(problemLine({ path: '/observedAt', message: 'is before the facility opened' })).toBe('is before the facility opened');
  });
});
