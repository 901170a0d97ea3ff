import type { TFunction } from 'i18next';
import type { Task, TaskOutcome, TaskType } from '../../../../../contracts/work';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';

/**
 * Times are entered and shown in the browser's time zone (people work where the company is); the
 * server derives the business date in the company time zone.
 */
export function instantOf(date: string, time: string): string {
  return new Date(`${date}T${time}:00`).toISOString();
}

/** HH:MM of an instant in the browser's time zone. */
export function localTime(instant: string): string {
  const d = new Date(instant);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** YYYY-MM-DD of an instant in the browser's time zone. */
export function localDate(instant: string): string {
  const d = new Date(instant);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const OUTCOMES: TaskOutcome[] = [
  'connected',
  'no_answer',
  'left_message',
  'busy',
  'wrong_number',
  'held',
  'rescheduled',
  'no_show',
];

/** Outcomes that fit a type: calls get call outcomes, meetings meeting outcomes, others all. */
function outcomesFor(type: string): TaskOutcome[] {
  if (type === 'call') return ['connected', 'no_answer', 'left_message', 'busy', 'wrong_number'];
  if (type === 'meeting') return ['held', 'rescheduled', 'no_show'];
  return OUTCOMES;
}

export function outcomeOptions(type: string, t: TFunction) {
  return outcomesFor(type).map((o) => ({ value: o, label: t(`tasks:outcomes.${o}`) }));
}

/** Active types for a new task (plus the task's own type, archived or not). */
export function typeOptions(types: TaskType[] | undefined, current?: string) {
  return (types ?? [])
    .filter((x) => !x.archived || x.key === current)
    .map((x) => ({ value: x.key, label: x.name }));
}

/** A task's due date and time for people ("01.12.2026, 10:00" or "01.12.2026"). */
export function dueLabel(
  task: Pick<Task, 'dueDate' | 'dueAt'>,
  fmt: { date: (v: string) => string },
): string {
  if (!task.dueDate) return '';
  return task.dueAt ? `${fmt.date(task.dueDate)}, ${localTime(task.dueAt)}` : fmt.date(task.dueDate);
}

/** Our own problem codes in the user's language, else the common message. */
export function taskErrorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError && err.problem.code) {
    // codes contain dots, so they are looked up in the object, not as a nested key
    const known = t('tasks:problems', { returnObjects: true }) as unknown as Record<string, string> | string;
    const text = typeof known === 'object' ? known[err.problem.code] : undefined;
    if (text) return text;
  }
  return errorMessage(err, t);
}
