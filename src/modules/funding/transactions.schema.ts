import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, ListOf, StringEnum, Uuid } from '../../http/common.schema.js';
import { Amount, Converted, Currency, TOTAL_CURRENCIES } from './fx.schema.js';

/** IATI TransactionType: 1 incoming funds, 2 outgoing commitment, 3 disbursement, 4 expenditure, 11 incoming commitment, 12 outgoing pledge. */
export const TRANSACTION_TYPES = ['1', '2', '3', '4', '11', '12'] as const;
/** Every IATI TransactionType (1-13: also 5 interest, 6 loan repayment, 7 reimbursement, 8/9 equity, 10 credit guarantee, 13 incoming pledge): what an IATI import keeps. */
export const IATI_TRANSACTION_TYPES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const;

export const TransactionCreate = Type.Object(
  {
    projectId: Uuid,
    type: StringEnum(TRANSACTION_TYPES),
    providerOrgId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    receiverOrgId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    amount: Amount,
    currency: Currency,
    valueDate: IsoDate,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type TransactionCreate = Static<typeof TransactionCreate>;

export const Transaction = Type.Object({
  id: Uuid,
  projectId: Uuid,
  type: StringEnum(IATI_TRANSACTION_TYPES),
  providerOrgId: Type.Union([Uuid, Type.Null()]),
  receiverOrgId: Type.Union([Uuid, Type.Null()]),
  amount: Type.String(),
  currency: Currency,
  valueDate: IsoDate,
  description: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDateTime,
});
export type Transaction = Static<typeof Transaction>;

export const TransactionList = ListOf(Transaction);
export const TransactionListFilters = Type.Object({}, { additionalProperties: false });
export type TransactionListFilters = Static<typeof TransactionListFilters>;

export const TotalsQuery = Type.Object({ currency: StringEnum(TOTAL_CURRENCIES, { default: 'USD' }) }, { additionalProperties: false });

const Total = Type.Object({ amount: Type.String(), parts: Type.Array(Type.Intersect([Converted, Type.Object({ transactionId: Uuid })])) });
/** Pledges are promises, not money: they are counted apart from commitments and disbursements. */
export const Totals = Type.Object({
  currency: Currency,
  pledged: Total,
  committed: Total,
  disbursed: Total,
  spent: Total,
  received: Total,
});
export type Totals = Static<typeof Totals>;
