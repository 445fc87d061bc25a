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

export interface FundingTables {
  transactions: TransactionsTable;
  fx_rates: FxRatesTable;
  projects: ProjectsTable;
  project_participants: ProjectParticipantsTable;
}
