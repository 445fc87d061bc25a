import { useQuery } from '@tanstack/react-query';
import type { DonorTotals } from '../../../src/modules/funding/donors.schema.js';
import { api } from '../api/client.js';
import { organizationName } from '../app/format/organization-name.js';

/** Money stages of a donor's figures; pledges last and apart (a promise is not money). */
export const DONOR_STAGES = ['committed', 'disbursed', 'spent', 'pledged'] as const;

/** Totals by donor and by donor country in the reporting currency, with every rate used (public: project finance is open data). */
export const useDonors = (currency: string) => useQuery({ queryKey: ['funding', 'donors', currency], queryFn: () => api<DonorTotals>(`/api/v1/funding/donors?currency=${currency}`) });

/** Japan's official support is the sum over donors based in Japan (Government of Japan, JICA, the Embassy), as the server groups it. */
export const JAPAN = 'JP';

/** A donor's name in the reader's language (donor totals call the English name `name`). */
export const donorName = (d: DonorTotals['donors'][number], lang: string): string => organizationName({ nameUk: d.nameUk, nameEn: d.name, nameJa: d.nameJa }, lang);
