import ical, { ICalAlarmType, ICalEventStatus } from 'ical-generator';
import type { Task } from '../../../../contracts/work';

/** Length of a timed task without a duration in the calendar. */
const DEFAULT_MINUTES = 30;

function description(task: Task): string {
  const lines = [
    task.notes,
    task.companyName ? `Company: ${task.companyName}` : null,
    task.contactName ? `Contact: ${task.contactName}` : null,
    task.dealTitle ? `Deal: ${task.dealTitle}` : null,
    task.teamName ? `Team: ${task.teamName}` : null,
    task.status === 'done' ? 'Done' : null,
  ];
  return lines.filter((l): l is string => Boolean(l)).join('\n');
}

/**
 * A person's tasks as an iCalendar feed. Timed tasks are events in UTC with their duration, all-day
 * tasks all-day events on their business date; the UID is the task's id (stable across fetches, so
 * calendar apps update instead of duplicating), DTSTAMP its last change. An open task's reminder
 * becomes an alarm.
 */
export function renderCalendar(input: { name: string; tasks: Task[]; appUrl: string; host: string }): string {
  const calendar = ical({
    name: input.name,
    prodId: { company: 'Kontor', product: 'Kontor CRM', language: 'EN' },
    // ask subscribers to poll hourly (X-PUBLISHED-TTL / REFRESH-INTERVAL)
    ttl: 60 * 60,
  });
  for (const task of input.tasks) {
    if (!task.dueDate) continue;
    const allDay = !task.dueAt;
    const start = new Date(task.dueAt ?? `${task.dueDate}T00:00:00.000Z`);
    const end = allDay
      ? new Date(start.getTime() + 86_400_000)
      : new Date(start.getTime() + (task.durationMinutes || DEFAULT_MINUTES) * 60_000);
    const event = calendar.createEvent({
      id: `${task.id}@${input.host}`,
      start,
      end,
      allDay,
      summary: `${task.status === 'done' ? '✓ ' : ''}${task.typeName}: ${task.subject}`,
      description: description(task) || null,
      url: `${input.appUrl}/tasks/${task.id}`,
      stamp: new Date(task.updatedAt),
      created: new Date(task.createdAt),
      lastModified: new Date(task.updatedAt),
      status: ICalEventStatus.CONFIRMED,
      sequence: task.version,
    });
    if (task.status === 'open' && task.reminderAt) {
      const at = new Date(task.reminderAt);
      event.createAlarm({
        type: ICalAlarmType.display,
        description: task.subject,
        // relative to a timed task's start (best supported); absolute for all-day tasks
        trigger: allDay ? at : Math.max(0, (start.getTime() - at.getTime()) / 1000),
      });
    }
  }
  return calendar.toString();
}
