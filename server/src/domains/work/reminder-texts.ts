import type { Locale } from '../../../../contracts/identity';

/** Formatters are costly to build and the reminder job formats thousands of dates: one per key. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timezone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timezone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
      timeZone: withTime ? timezone : 'UTC',
    });
    formatters.set(key, f);
  }
  return f;
}

/** A task's due date (and time, in the company time zone) as the user reads it. */
export function formatDue(
  task: { due_date: string | null; due_at: string | null },
  locale: Locale,
  timezone: string,
): string | null {
  if (task.due_at) return formatter(locale, timezone, true).format(new Date(task.due_at));
  // A business date has no time zone: format its noon in UTC so it stays the same day.
  if (task.due_date) return formatter(locale, timezone, false).format(new Date(`${task.due_date}T12:00:00Z`));
  return null;
}

/** The notification's second line, in the recipient's language. */
export function reminderBody(due: string | null, locale: Locale): string | null {
  if (!due) return null;
  return locale === 'de' ? `Fällig: ${due}` : `Due: ${due}`;
}

/**
 * A task's reminder e-mail in one language for any recipient: everything but the greeting is built
 * once (a team task reminds every member, and the reminder job writes thousands of mails).
 */
export function reminderMailFor(
  input: { subject: string; due: string | null; teamTask: boolean },
  locale: Locale,
): (name: string) => { subject: string; text: string } {
  const { subject, due, teamTask } = input;
  if (locale === 'de') {
    const mailSubject = `Erinnerung: ${subject}`;
    const rest = [
      '',
      `Sie wollten an diese Aufgabe erinnert werden: „${subject}“.`,
      ...(due ? [`Fällig: ${due}`] : []),
      ...(teamTask
        ? ['Die Aufgabe gehört Ihrem Team; wer sie übernimmt, klickt in Kontor auf „Übernehmen“.']
        : []),
      '',
      'Sie finden sie in Kontor unter „Aufgaben“. Erinnerungen per E-Mail schalten Sie unter „Mein Profil“ ab.',
      '',
      'Viele Grüße',
      'Kontor',
    ].join('\n');
    return (name) => ({ subject: mailSubject, text: `Hallo ${name},\n${rest}` });
  }
  const mailSubject = `Reminder: ${subject}`;
  const rest = [
    '',
    `You asked to be reminded of this task: "${subject}".`,
    ...(due ? [`Due: ${due}`] : []),
    ...(teamTask ? ['The task belongs to your team; whoever takes it clicks "Claim" in Kontor.'] : []),
    '',
    'You find it in Kontor under "Tasks". You can turn off reminder e-mails under "My profile".',
    '',
    'Best regards',
    'Kontor',
  ].join('\n');
  return (name) => ({ subject: mailSubject, text: `Hello ${name},\n${rest}` });
}
