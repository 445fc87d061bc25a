import { Type, type Static } from '@sinclair/typebox';
import { IsoDate } from '../../http/common.schema.js';

const Names = Type.Object({ uk: Type.String(), en: Type.String(), ja: Type.String() });

/**
 * A destination the Ministry can reach but where deliveries are at risk (active hostilities): a code and the area,
 * named in uk, en and ja, for the client to say in the reader's language. Needs (on raising and approving) and
 * allocation plans (per assignment) answer it; an occupied area is refused instead (409).
 */
export const AccessWarning = Type.Object({
  code: Type.Literal('active_hostilities'),
  since: IsoDate,
  area: Type.Object({ katottg: Type.String(), level: Type.Integer({ description: '1 oblast, 2 raion, 3 hromada' }), name: Names }),
  oblast: Type.Union([Type.Object({ katottg: Type.String(), iso3166_2: Type.Union([Type.String(), Type.Null()]), name: Names }), Type.Null()], {
    description: 'The oblast the area lies in; null when the area is the oblast itself',
  }),
});
export type AccessWarning = Static<typeof AccessWarning>;
