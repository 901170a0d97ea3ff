import {
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AutomationCatalog, RecordType, Trigger } from '../../../../../contracts/automation';
import { EVENT_TYPES } from '../../../../../contracts/events';
import { eventLabel, recordLabel } from './labels';
import { cronOf, fieldGroup, fieldName, presetOf, type SchedulePreset } from './rule-values';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/** Events grouped by the record they are about, in the user's words. */
function eventOptions(t: ReturnType<typeof useTranslation>['t'], catalog: AutomationCatalog | undefined) {
  const events = catalog?.triggers.map((x) => x.event) ?? EVENT_TYPES;
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const event of events) {
    const group = event.split('.')[0] ?? '';
    const items = groups.get(group) ?? [];
    items.push({ value: event, label: eventLabel(t, event) });
    groups.set(group, items);
  }
  return [...groups.entries()].map(([group, items]) => ({
    group: t(`eventGroups.${group}`, { defaultValue: group }),
    items,
  }));
}

function ScheduleFields({
  cron,
  onChange,
  error,
}: {
  cron: string;
  onChange: (cron: string) => void;
  error?: string;
}) {
  const { t } = useTranslation('automation');
  const preset = presetOf(cron);
  const set = (patch: Partial<SchedulePreset>) => {
    const next = { ...preset, ...patch };
    if (next.frequency !== 'custom') onChange(cronOf(next));
  };
  return (
    <Stack gap="xs">
      <SegmentedControl
        value={preset.frequency}
        onChange={(v) =>
          v === 'custom' ? onChange(cron) : set({ frequency: v as SchedulePreset['frequency'] })
        }
        data={(['daily', 'weekly', 'monthly', 'custom'] as const).map((f) => ({
          value: f,
          label: t(`schedule.${f}`),
        }))}
        data-testid="schedule-frequency"
        w="fit-content"
      />
      {preset.frequency !== 'custom' ? (
        <Group gap="sm" align="flex-end">
          {preset.frequency === 'weekly' ? (
            <Select
              label={t('schedule.weekday')}
              data={WEEKDAYS.map((d) => ({ value: String(d), label: t(`weekdays.${d}`) }))}
              value={String(preset.weekday)}
              onChange={(v) => set({ weekday: Number(v ?? 1) })}
              allowDeselect={false}
              w={160}
              data-testid="schedule-weekday"
            />
          ) : null}
          {preset.frequency === 'monthly' ? (
            <NumberInput
              label={t('schedule.monthDay')}
              min={1}
              max={28}
              value={preset.monthDay}
              onChange={(v) => set({ monthDay: Math.min(28, Math.max(1, Number(v) || 1)) })}
              w={120}
              data-testid="schedule-month-day"
            />
          ) : null}
          <TextInput
            type="time"
            label={t('schedule.time')}
            value={preset.time}
            onChange={(e) => set({ time: e.currentTarget.value || '08:00' })}
            w={140}
            data-testid="schedule-time"
          />
        </Group>
      ) : null}
      <TextInput
        label={t('schedule.cron')}
        description={t('schedule.cronHint')}
        value={cron}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        maw={320}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        data-testid="schedule-cron"
      />
    </Stack>
  );
}

function DateFields({
  trigger,
  onChange,
  catalog,
  errors,
}: {
  trigger: Extract<Trigger, { kind: 'date' }>;
  onChange: (t: Trigger) => void;
  catalog: AutomationCatalog | undefined;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('automation');
  const types = Object.keys(catalog?.dateFields ?? { deal: [] });
  const fields = catalog?.dateFields[trigger.recordType] ?? [];
  const days = Math.abs(trigger.offsetDays);
  const direction = trigger.offsetDays < 0 ? 'before' : 'after';
  return (
    <Group gap="sm" align="flex-start" wrap="wrap">
      <Select
        label={t('date.recordType')}
        data={types.map((type) => ({ value: type, label: recordLabel(t, type) }))}
        value={trigger.recordType}
        onChange={(v) =>
          onChange({
            ...trigger,
            recordType: (v ?? 'deal') as RecordType,
            field: catalog?.dateFields[v ?? '']?.[0] ?? '',
          })
        }
        allowDeselect={false}
        w={180}
        data-testid="date-record-type"
      />
      <Select
        allowDeselect={false}
        label={t('date.field')}
        data={fields.map((f) => ({ value: f, label: t(`fieldNames.${fieldName(f)}`, { defaultValue: f }) }))}
        value={trigger.field || null}
        onChange={(v) => onChange({ ...trigger, field: v ?? '' })}
        error={errors['trigger.field']}
        w={220}
        data-testid="date-field"
      />
      <NumberInput
        label={t('date.days')}
        min={0}
        max={365}
        value={days}
        onChange={(v) => {
          const n = Math.min(365, Math.max(0, Number(v) || 0));
          onChange({ ...trigger, offsetDays: direction === 'before' ? -n : n });
        }}
        error={errors['trigger.offsetDays']}
        w={110}
        data-testid="date-days"
      />
      <Select
        label={t('date.direction')}
        data={[
          { value: 'before', label: t('date.before') },
          { value: 'after', label: t('date.after') },
        ]}
        value={direction}
        onChange={(v) => onChange({ ...trigger, offsetDays: v === 'before' ? -days : days })}
        allowDeselect={false}
        w={130}
        data-testid="date-direction"
      />
      <TextInput
        type="time"
        label={t('schedule.time')}
        value={trigger.time ?? '08:00'}
        onChange={(e) => onChange({ ...trigger, time: e.currentTarget.value || '08:00' })}
        error={errors['trigger.time']}
        w={140}
        data-testid="date-time"
      />
    </Group>
  );
}

/** **Wann**: an event, a schedule or a date of records. */
export function TriggerEditor({
  value,
  onChange,
  catalog,
  errors,
}: {
  value: Trigger;
  onChange: (t: Trigger) => void;
  catalog: AutomationCatalog | undefined;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('automation');
  const switchKind = (kind: Trigger['kind']) => {
    if (kind === value.kind) return;
    if (kind === 'event') onChange({ kind, event: 'deal.stage_changed' });
    else if (kind === 'schedule') onChange({ kind, cron: '0 8 * * 1' });
    else {
      const field = catalog?.dateFields.deal?.[0] ?? 'expectedCloseDate';
      onChange({ kind, recordType: 'deal', field, offsetDays: -3, time: '08:00' });
    }
  };
  const known = value.kind === 'event' ? catalog?.triggers.find((x) => x.event === value.event) : undefined;
  const root = known?.recordType ?? null;
  const changeable = (root && catalog?.fields[root]?.filter((f) => fieldGroup(f.path, root) === root)) || [];

  return (
    <Stack gap="sm">
      <SegmentedControl
        value={value.kind}
        onChange={(v) => switchKind(v as Trigger['kind'])}
        data={(['event', 'schedule', 'date'] as const).map((k) => ({ value: k, label: t(`trigger.${k}`) }))}
        data-testid="trigger-kind"
        w="fit-content"
      />
      <Text size="xs" c="dimmed">
        {t(`trigger.${value.kind}Hint`)}
      </Text>
      {value.kind === 'event' ? (
        <Group gap="sm" align="flex-start" wrap="wrap">
          <Select
            label={t('trigger.event')}
            data={eventOptions(t, catalog)}
            value={value.event}
            onChange={(v) => v && onChange({ kind: 'event', event: v as typeof value.event })}
            searchable
            allowDeselect={false}
            error={errors['trigger.event']}
            w={300}
            data-testid="trigger-event"
          />
          {known?.hasChangedFields ? (
            <MultiSelect
              label={t('trigger.fields')}
              description={t('trigger.fieldsHint')}
              data={changeable.map((f) => ({
                value: fieldName(f.path),
                label: t(`fieldNames.${fieldName(f.path)}`, { defaultValue: fieldName(f.path) }),
              }))}
              value={value.fields ?? []}
              onChange={(fields) => onChange({ ...value, fields: fields.length ? fields : undefined })}
              error={errors['trigger.fields']}
              searchable
              clearable
              miw={300}
              data-testid="trigger-fields"
            />
          ) : null}
        </Group>
      ) : value.kind === 'schedule' ? (
        <ScheduleFields
          cron={value.cron}
          onChange={(cron) => onChange({ kind: 'schedule', cron })}
          error={errors['trigger.cron']}
        />
      ) : (
        <DateFields trigger={value} onChange={onChange} catalog={catalog} errors={errors} />
      )}
      {errors.trigger ? (
        <Text size="sm" c="red">
          {errors.trigger}
        </Text>
      ) : null}
    </Stack>
  );
}
