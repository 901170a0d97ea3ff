import type { TFunction } from 'i18next';
import type { Trigger } from '../../../../../contracts/automation';
import { eventLabel, recordLabel } from './labels';
import { fieldName, presetOf } from './rule-values';

/** A trigger in words: "Deal in andere Phase verschoben", "Wöchentlich montags um 08:00", "3 Tage vor …". */
export function triggerSummary(t: TFunction, trigger: Trigger): string {
  switch (trigger.kind) {
    case 'event': {
      const name = eventLabel(t, trigger.event);
      if (!trigger.fields?.length) return name;
      const fields = trigger.fields.map((f) => t(`fieldNames.${f}`, { defaultValue: f })).join(', ');
      return t('automation:summary.eventFields', { event: name, fields });
    }
    case 'schedule': {
      const p = presetOf(trigger.cron);
      if (p.frequency === 'daily') return t('automation:summary.daily', { time: p.time });
      if (p.frequency === 'weekly')
        return t('automation:summary.weekly', { time: p.time, weekday: t(`weekdays.${p.weekday}`) });
      if (p.frequency === 'monthly')
        return t('automation:summary.monthly', { time: p.time, day: p.monthDay });
      return t('automation:summary.cron', { cron: trigger.cron });
    }
    case 'date': {
      const field = t(`fieldNames.${fieldName(trigger.field)}`, { defaultValue: trigger.field });
      const args = {
        count: Math.abs(trigger.offsetDays),
        field,
        record: recordLabel(t, trigger.recordType),
        time: trigger.time ?? '08:00',
      };
      if (trigger.offsetDays === 0) return t('automation:summary.dateOn', args);
      return trigger.offsetDays < 0
        ? t('automation:summary.dateBefore', args)
        : t('automation:summary.dateAfter', args);
    }
  }
}
