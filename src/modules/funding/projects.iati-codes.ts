/**
 * Our codes as IATI codes and back, for export and import. Organisation types
 * are many-to-one (a ministry and a donor government are both "10"), so the
 * export also writes our own type (cb:type) and an import prefers it.
 */
export const IATI_ORG_TYPE: Readonly<Record<string, string>> = {
  ministry: '10', regional_health_dept: '11', donor_government: '10', bilateral_agency: '10', multilateral: '40', ngo: '21', private: '70', facility_operator: '15',
};
/** IATI OrganisationType → our type, when the file has no cb:type. */
export const OUR_ORG_TYPE: Readonly<Record<string, string>> = { '10': 'donor_government', '11': 'regional_health_dept', '15': 'facility_operator', '21': 'ngo', '22': 'ngo', '23': 'ngo', '24': 'ngo', '40': 'multilateral', '70': 'private', '71': 'private', '72': 'private', '73': 'private' };
/** IATI OrganisationRole codes. */
export const IATI_ROLE: Readonly<Record<string, string>> = { funding: '1', accountable: '2', extending: '3', implementing: '4' };
export const OUR_ROLE: Readonly<Record<string, string>> = { '1': 'funding', '2': 'accountable', '3': 'extending', '4': 'implementing' };
