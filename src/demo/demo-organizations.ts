import type { OrganizationCreate } from '../modules/organizations/organizations.schema.js';

/** The partners every demo shows: the Ministry, Japan's government and agencies, WHO and NGOs. */
export const DEMO_ORGANIZATIONS: readonly OrganizationCreate[] = [
  { nameUk: 'Міністерство охорони здоров’я України', nameEn: 'Ministry of Health of Ukraine', type: 'ministry', country: 'UA', iatiOrgId: 'UA-EDR-00012925' },
  { nameUk: 'Уряд Японії', nameEn: 'Government of Japan', type: 'donor_government', country: 'JP', iatiOrgId: 'XM-DAC-701' },
  { nameUk: 'Японське агентство міжнародного співробітництва (JICA)', nameEn: 'Japan International Cooperation Agency', type: 'bilateral_agency', country: 'JP', iatiOrgId: 'XM-DAC-701-8' },
  { nameUk: 'Посольство Японії в Україні', nameEn: 'Embassy of Japan in Ukraine', type: 'donor_government', country: 'JP', iatiOrgId: null },
  { nameUk: 'Всесвітня організація охорони здоров’я', nameEn: 'World Health Organization', type: 'multilateral', country: null, iatiOrgId: 'XM-DAC-928' },
  { nameUk: 'Лікарі без кордонів', nameEn: 'Médecins Sans Frontières', type: 'ngo', country: null, iatiOrgId: null },
  { nameUk: 'Товариство Червоного Хреста України', nameEn: 'Ukrainian Red Cross Society', type: 'ngo', country: 'UA', iatiOrgId: null },
  { nameUk: 'Національна служба здоров’я України', nameEn: 'National Health Service of Ukraine', type: 'ministry', country: 'UA', iatiOrgId: null },
];
