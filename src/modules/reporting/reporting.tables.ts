/** Tables of the reporting capability (migration 0017). */
export interface ReportingPeriodsTable {
  /** A facility type (facilities.schema.ts FACILITY_TYPES): the override applies to every facility of it. */
  facility_type: string;
  /** week | month */
  period: string;
  /** Days after the period's last day by which a report still counts as on time. */
  deadline_days: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ReportingTables {
  reporting_periods: ReportingPeriodsTable;
}
