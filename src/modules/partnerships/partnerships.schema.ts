import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, StringEnum, Uuid, Version } from '../../http/common.schema.js';
import { Amount, Currency } from '../funding/fx.schema.js';

/** The managed list of priority areas of cooperation (docs/partnerships.md). */
export const PRIORITY_AREAS = [
  'infrastructure_reconstruction',
  'medicines',
  'medical_equipment',
  'rehabilitation',
  'mental_health',
  'innovative_technologies_telemedicine',
  'energy_autonomy',
  'workforce',
  'other',
] as const;
export type PriorityArea = (typeof PRIORITY_AREAS)[number];

export const AGREEMENT_KINDS = ['memorandum', 'programme', 'framework_agreement'] as const;
export const AGREEMENT_STATUSES = ['draft', 'signed', 'in_force', 'expired'] as const;

/**
 * Target units the follow-through measures by itself; any other unit is kept
 * and shown, with its progress left to people (docs/partnerships.md).
 */
export const MEASURED_UNITS = ['generators', 'MW', 'kW', 'facilities', 'projects', 'shipments'] as const;

/** Area codes are checked by the service (not the schema) so that the error names the field and the code. */
export const AreaCode = Type.String({ minLength: 1, maxLength: 60, description: `One of: ${PRIORITY_AREAS.join(', ')}` });

export const Text = Type.Object(
  { en: Type.String({ minLength: 1, maxLength: 2000 }), uk: Type.Optional(Type.String({ maxLength: 2000 })), ja: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false, description: 'The same text in several languages; English is required' },
);
export type Text = Static<typeof Text>;

export const Target = Type.Object(
  {
    quantity: Type.String({ pattern: '^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,6})?$', description: 'Decimal string, e.g. "135"' }),
    unit: Type.String({ minLength: 1, maxLength: 40, description: `Measured automatically: ${MEASURED_UNITS.join(', ')}` }),
  },
  { additionalProperties: false },
);
export type Target = Static<typeof Target>;

export const AreaWithTargets = Type.Object({ area: AreaCode, targets: Type.Array(Target, { maxItems: 20, default: [] }) }, { additionalProperties: false });
const Signatory = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), position: Type.String({ maxLength: 300 }), organizationId: Uuid },
  { additionalProperties: false },
);
const StatedPledge = Type.Object({ amount: Amount, currency: Currency, note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

export const AgreementCreate = Type.Object(
  {
    kind: StringEnum(AGREEMENT_KINDS),
    title: Text,
    status: StringEnum(AGREEMENT_STATUSES),
    signedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    startDate: IsoDate,
    endDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    partnerIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, description: 'Partner organisations (the Ministry is the other side)' }),
    signatories: Type.Array(Signatory, { maxItems: 20, default: [] }),
    areas: Type.Array(AreaWithTargets, { minItems: 1, maxItems: PRIORITY_AREAS.length }),
    pledges: Type.Array(StatedPledge, { maxItems: 50, default: [] }),
  },
  { additionalProperties: false },
);
export type AgreementCreate = Static<typeof AgreementCreate>;

export const AgreementUpdate = Type.Object(
  { version: Version, status: Type.Optional(StringEnum(AGREEMENT_STATUSES)), endDate: Type.Optional(Type.Union([IsoDate, Type.Null()])), signedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])) },
  { additionalProperties: false },
);
export type AgreementUpdate = Static<typeof AgreementUpdate>;

export const DocumentInfo = Type.Object({ id: Uuid, filename: Type.String(), mediaType: Type.String(), sizeBytes: Type.Integer(), sha256: Type.String(), createdAt: IsoDateTime });
export type DocumentInfo = Static<typeof DocumentInfo>;

export const Agreement = Type.Object({
  id: Uuid,
  kind: StringEnum(AGREEMENT_KINDS),
  title: Text,
  status: StringEnum(AGREEMENT_STATUSES),
  signedOn: Type.Union([IsoDate, Type.Null()]),
  startDate: IsoDate,
  endDate: Type.Union([IsoDate, Type.Null()]),
  partners: Type.Array(Type.Object({ id: Uuid, nameEn: Type.String(), nameUk: Type.String(), nameJa: Type.Union([Type.String(), Type.Null()]) })),
  signatories: Type.Array(Signatory),
  areas: Type.Array(Type.Object({ area: StringEnum(PRIORITY_AREAS), targets: Type.Array(Target) })),
  pledges: Type.Array(StatedPledge),
  documents: Type.Array(DocumentInfo),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
});
export type Agreement = Static<typeof Agreement>;

export const AgreementList = ListOf(Agreement);
export const AgreementListFilters = Type.Object(
  { partnerId: Type.Optional(Uuid), status: Type.Optional(StringEnum(AGREEMENT_STATUSES)) },
  { additionalProperties: false },
);
export type AgreementListFilters = Static<typeof AgreementListFilters>;

export const DocumentQuery = Type.Object({ filename: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\\\u0000-\\u001f]+$' }) }, { additionalProperties: false });
export const DocumentParams = Type.Object({ id: Uuid, documentId: Uuid });

export const LinkCreate = Type.Object({ projectId: Uuid, area: AreaCode }, { additionalProperties: false });
export type LinkCreate = Static<typeof LinkCreate>;
export const Link = Type.Object({ agreementId: Uuid, area: StringEnum(PRIORITY_AREAS), projectId: Uuid, createdAt: IsoDateTime });
export type Link = Static<typeof Link>;
