import type { Locale } from '../../../../contracts/identity';
import type { DigestTask } from './daily-digest.repository';
import { formatDue } from './reminder-texts';

export interface DigestInput {
  name: string;
  today: string;
  overdue: DigestTask[];
  dueToday: DigestTask[];
  /** Tasks beyond the listed ones. */
  more: number;
  timezone: string;
}

function line(task: DigestTask, locale: Locale, timezone: string, today: string): string {
  const team = task.assignee_id ? '' : locale === 'de' ? ' (Team)' : ' (team)';
  // Today's tasks show their time if they have one; overdue ones their date.
  const due = task.due_date === today && !task.due_at ? '' : ` — ${formatDue(task, locale, timezone) ?? ''}`;
  return `- ${task.subject}${team}${due}`;
}

/** The in-app line of the digest: how many are due today and overdue. */
export function digestTitle(counts: { today: number; overdue: number }, locale: Locale): string {
  return locale === 'de'
    ? `Ihr Tag: ${counts.today} heute fällig, ${counts.overdue} überfällig`
    : `Your day: ${counts.today} due today, ${counts.overdue} overdue`;
}

export function digestMail(input: DigestInput, locale: Locale): { subject: string; text: string } {
  const { name, today, overdue, dueToday, more, timezone } = input;
  const date = formatDue({ due_date: today, due_at: null }, locale, timezone);
  const list = (tasks: DigestTask[]) => tasks.map((t) => line(t, locale, timezone, today));
  if (locale === 'de') {
    return {
      subject: `Ihre Aufgaben für ${date}`,
      text: [
        `Hallo ${name},`,
        '',
        ...(dueToday.length ? [`Heute fällig (${dueToday.length}):`, ...list(dueToday), ''] : []),
        ...(overdue.length ? [`Überfällig (${overdue.length}):`, ...list(overdue), ''] : []),
        ...(more > 0 ? [`… und ${more} weitere in Kontor unter „Aufgaben“.`, ''] : []),
        'Diese Übersicht schalten Sie unter „Mein Profil“ ab.',
        '',
        'Viele Grüße',
        'Kontor',
      ].join('\n'),
    };
  }
  return {
    subject: `Your tasks for ${date}`,
    text: [
      `Hello ${name},`,
      '',
      ...(dueToday.length ? [`Due today (${dueToday.length}):`, ...list(dueToday), ''] : []),
      ...(overdue.length ? [`Overdue (${overdue.length}):`, ...list(overdue), ''] : []),
      ...(more > 0 ? [`… and ${more} more in Kontor under "Tasks".`, ''] : []),
      'You can turn off this summary under "My profile".',
      '',
      'Best regards',
      'Kontor',
    ].join('\n'),
  };
}
