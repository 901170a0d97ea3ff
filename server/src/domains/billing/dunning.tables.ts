/** The dunning tables (migration 2026_11_26_2300_create_dunning). */
export interface DunningSettingsTable {
  id: number;
  enabled: number;
  base_rate_bp: number;
  updated_at: string;
  version: number;
}

export interface DunningLevelsTable {
  level: number;
  name: string;
  days_after_due: number;
  payment_days: number;
  fee_cents: number;
  charge_interest: number;
  charge_lump_sum: number;
  letter_text: string;
  updated_at: string;
}

export interface DunningNoticesTable {
  id: string;
  invoice_id: string;
  level: number;
  level_name: string;
  letter_text: string;
  notice_date: string;
  payment_deadline: string;
  days_overdue: number;
  open_cents: number;
  fee_cents: number;
  interest_rate_bp: number;
  interest_cents: number;
  lump_sum_cents: number;
  total_cents: number;
  created_by: string | null;
  created_at: string;
}

declare module '../../platform/db/database' {
  interface Database {
    dunning_settings: DunningSettingsTable;
    dunning_levels: DunningLevelsTable;
    dunning_notices: DunningNoticesTable;
  }
}
