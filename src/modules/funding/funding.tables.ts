/**
 * Tables owned by the funding capability (merged into the DB interface in src/db/tables.ts).
 */
export interface FxRatesTable {
  id: string;
  /** ISO 4217 code. */
  currency: string;
  /** YYYY-MM-DD. */
  rate_date: string;
  /** Units of the currency per 1 USD, as a decimal string. */
  rate_per_usd: string;
  source: string;
  created_at: string;
}

/** An IATI activity; the JSON columns hold arrays/objects validated by projects.schema.ts. */
export interface ProjectsTable {
  id: string;
  iati_identifier: string;
  reporting_org_id: string;
  local_id: string;
  title: string;
  description: string;
  /** IATI ActivityStatus code. */
  status: string;
  start_date: string;
  end_date: string | null;
  humanitarian: number;
  participants: string;
  sectors: string;
  locations: string;
  budgets: string;
  /** Results with indicators (IATI result/indicator/period), JSON. */
  results: string;
  /** Phase, milestones, percent complete, Prozorro OCID; null for other projects. */
  reconstruction: string | null;
  /** What the project's IATI file had beyond our model (IatiSource JSON, activity-xml.ts); null for projects made here. */
  iati_source?: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProjectParticipantsTable {
  project_id: string;
  organization_id: string;
  role: string;
}

/** An IATI transaction; the original amount is never overwritten. */
export interface TransactionsTable {
  id: string;
  project_id: string;
  /** IATI TransactionType code. */
  type: string;
  provider_org_id: string | null;
  receiver_org_id: string | null;
  amount: string;
  currency: string;
  value_date: string;
  /** IATI transaction-date when it differs from the value date's source (imported); null: the value date. */
  transaction_date?: string | null;
  description: string | null;
  created_at: string;
}

/**
 * A transaction converted into one currency of presentation (migration 0020), kept with the transaction so totals
 * never convert on read. The rate legs are named by their date: a stored rate is never overwritten, so
 * (currency, date) finds its value and source in fx_rates. A null amount: no rate on or before the value date.
 */
export interface TransactionAmountsTable {
  transaction_id: string;
  /** The currency of presentation (one of TOTAL_CURRENCIES). */
  currency: string;
  /** Rounded half-even to cents, as decimal text; null when a rate is missing. */
  amount: string | null;
  /** Date of the rate used for the transaction's own currency (null: USD or no conversion). */
  from_rate_date: string | null;
  /** Date of the rate used for the currency of presentation (null: USD or no conversion). */
  to_rate_date: string | null;
  /** The currency whose rate is missing (with the value date: the refusal's message); null when converted. */
  missing_currency: string | null;
}

/**
 * Totals kept current by every write (migration 0020, docs/funding.md § Totals kept). `kind` names the roll-up:
 * donor (key: organisation), donor_project (key: organisation, sub: project), donor_sector (key: organisation,
 * sub: DAC code), project (key: project), area (key: priority area; sub ''), rate (key: currency|rate date,
 * sub: value date: how many donor transactions a rate converted). Sums are decimal text, exact to the cent.
 */
export interface FundingRollupsTable {
  kind: string;
  key: string;
  sub: string;
  currency: string;
  pledged: string;
  committed: string;
  disbursed: string;
  spent: string;
  received: string;
  transactions: number;
  /** Transactions that could not be converted (a rate is missing): the totals are refused while any remain. */
  missing: number;
  /** Donor rows: projects with at least one of the donor's transactions. */
  projects: number;
}

export interface FundingTables {
  transactions: TransactionsTable;
  transaction_amounts: TransactionAmountsTable;
  funding_rollups: FundingRollupsTable;
  fx_rates: FxRatesTable;
  projects: ProjectsTable;
  project_participants: ProjectParticipantsTable;
}
