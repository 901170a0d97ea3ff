import type { Selectable } from 'kysely';
import type { DunningLevel, DunningNotice, DunningSettings } from '../../../../contracts/dunning';
import { interestRateBp } from './dunning.amounts';
import type { DunningLevelsTable, DunningNoticesTable, DunningSettingsTable } from './dunning.tables';

/** SQLite answers 0/1, PostgreSQL may answer booleans for integer flags set by hand. */
export const flag = (v: unknown) => v === 1 || v === true || v === '1';

export function toDunningLevel(row: Selectable<DunningLevelsTable>): DunningLevel {
  return {
    level: row.level,
    name: row.name,
    daysAfterDue: row.days_after_due,
    paymentDays: row.payment_days,
    feeCents: Number(row.fee_cents),
    chargeInterest: flag(row.charge_interest),
    chargeLumpSum: flag(row.charge_lump_sum),
    letterText: row.letter_text,
  };
}

export function toDunningSettings(
  row: Selectable<DunningSettingsTable>,
  levels: Selectable<DunningLevelsTable>[],
): DunningSettings {
  return {
    enabled: flag(row.enabled),
    baseRatePercent: row.base_rate_bp / 100,
    b2bInterestPercent: interestRateBp(row.base_rate_bp, false) / 100,
    b2cInterestPercent: interestRateBp(row.base_rate_bp, true) / 100,
    levels: levels.map(toDunningLevel),
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toDunningNotice(
  row: Selectable<DunningNoticesTable>,
  invoiceNumber: string | null,
): DunningNotice {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    invoiceNumber: invoiceNumber ?? '',
    level: row.level,
    levelName: row.level_name,
    noticeDate: row.notice_date,
    paymentDeadline: row.payment_deadline,
    daysOverdue: row.days_overdue,
    openCents: Number(row.open_cents),
    feeCents: Number(row.fee_cents),
    interestRatePercent: row.interest_rate_bp / 100,
    interestCents: Number(row.interest_cents),
    lumpSumCents: Number(row.lump_sum_cents),
    totalCents: Number(row.total_cents),
    createdAt: row.created_at,
  };
}
