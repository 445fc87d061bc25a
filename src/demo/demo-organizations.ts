import type { OrganizationCreate } from '../modules/organizations/organizations.schema.js';

/**
 * The partners every demo shows: the Ministry, Japan's government and agencies, WHO and NGOs. Japanese names as
 * the organisations and Japan's Ministry of Foreign Affairs write them; the National Health Service has no
 * standard Japanese name, so Japanese readers see its English one.
 */
export const DEMO_ORGANIZATIONS: readonly OrganizationCreate[] = [
  { nameUk: 'Міністерство охорони здоров’я України', nameEn: 'Ministry of Health of Ukraine', nameJa: 'ウクライナ保健省', type: 'ministry', country: 'UA', iatiOrgId: 'UA-EDR-00012925' },
  { nameUk: 'Уряд Японії', nameEn: 'Government of Japan', nameJa: '日本国政府', type: 'donor_government', country: 'JP', iatiOrgId: 'XM-DAC-701' },
  { nameUk: 'Японське агентство міжнародного співробітництва (JICA)', nameEn: 'Japan International Cooperation Agency', nameJa: '独立行政法人国際協力機構（JICA）', type: 'bilateral_agency', country: 'JP', iatiOrgId: 'XM-DAC-701-8' },
  { nameUk: 'Посольство Японії в Україні', nameEn: 'Embassy of Japan in Ukraine', nameJa: '在ウクライナ日本国大使館', type: 'donor_government', country: 'JP', iatiOrgId: null },
  { nameUk: 'Всесвітня організація охорони здоров’я', nameEn: 'World Health Organization', nameJa: '世界保健機関（WHO）', type: 'multilateral', country: null, iatiOrgId: 'XM-DAC-928' },
  { nameUk: 'Лікарі без кордонів', nameEn: 'Médecins Sans Frontières', nameJa: '国境なき医師団', type: 'ngo', country: null, iatiOrgId: null },
  { nameUk: 'Товариство Червоного Хреста України', nameEn: 'Ukrainian Red Cross Society', nameJa: 'ウクライナ赤十字社', type: 'ngo', country: 'UA', iatiOrgId: null },
  { nameUk: 'Національна служба здоров’я України', nameEn: 'National Health Service of Ukraine', type: 'ministry', country: 'UA', iatiOrgId: null },
];
