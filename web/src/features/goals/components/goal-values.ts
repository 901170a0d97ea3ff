import type { TFunction } from 'i18next';
import { type GoalMetric, MONEY_GOAL_METRICS } from '../../../../../contracts/goals';
import type { useFormat } from '../../../lib/use-format';

export const METRICS: readonly GoalMetric[] = [
  'revenue_won',
  'deals_won',
  'deals_created',
  'activities_completed',
  'invoices_collected',
];

export const isMoneyMetric = (metric: GoalMetric) => MONEY_GOAL_METRICS.includes(metric);

/** A goal figure as money (cents) or a count, by its metric. */
export function goalValue(fmt: ReturnType<typeof useFormat>, metric: GoalMetric, value: number): string {
  return isMoneyMetric(metric) ? fmt.money(value, 'EUR') : fmt.number(value);
}

/** `November 2026`, `Q4 2026`, `2026` or `01.11.2026 – 15.12.2026`. */
export function periodText(
  fmt: ReturnType<typeof useFormat>,
  t: TFunction,
  goal: { periodKind: string; periodStart: string; periodEnd: string },
): string {
  const [year, month] = goal.periodStart.split('-').map(Number) as [number, number];
  if (goal.periodKind === 'month') return fmt.month(goal.periodStart.slice(0, 7));
  if (goal.periodKind === 'quarter')
    return t('goals:period.quarterOf', { quarter: Math.floor((month - 1) / 3) + 1, year });
  if (goal.periodKind === 'year') return String(year);
  return `${fmt.date(goal.periodStart)} – ${fmt.date(goal.periodEnd)}`;
}
