import { Group, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Action, AutomationCatalog } from '../../../../../contracts/automation';
import { useTaskTypeOptions, useWebhookOptions } from '../api/lookups-api';
import { useEmailTemplates } from '../api/templates-api';
import { fieldOptions } from './labels';
import { RecipientInput, VariableMenu } from './recipient-input';
import { errorAt, minutesOf, type WaitUnit, waitOf } from './rule-values';
import { FieldValueInput } from './value-input';

interface FormProps<A extends Action> {
  action: A;
  onChange: (a: Action) => void;
  /** Errors of this action, keys relative to it (`assignTo.userId`). */
  errors: Record<string, string>;
  catalog: AutomationCatalog | undefined;
  root: string | null;
  variables: string[];
}

function TaskForm({
  action,
  onChange,
  errors,
  variables,
}: FormProps<Extract<Action, { kind: 'create_task' }>>) {
  const { t } = useTranslation('automation');
  const types = useTaskTypeOptions();
  const set = (patch: Partial<typeof action>) => onChange({ ...action, ...patch });
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-start" wrap="wrap">
        <Select
          allowDeselect={false}
          label={t('actions.taskType')}
          data={(types.data ?? []).map((x) => ({ value: x.key, label: x.name }))}
          value={action.taskType}
          onChange={(v) => set({ taskType: v ?? '' })}
          error={errors.taskType}
          w={180}
          data-testid="action-task-type"
        />
        <TextInput
          label={
            <Group gap="xs" component="span">
              {t('actions.subject')}
              <VariableMenu
                variables={variables}
                onInsert={(v) => set({ subject: `${action.subject}${v}` })}
                testId="action-subject-variables"
              />
            </Group>
          }
          value={action.subject}
          onChange={(e) => set({ subject: e.currentTarget.value })}
          error={errors.subject}
          style={{ flex: 1 }}
          miw={280}
          data-testid="action-subject"
        />
      </Group>
      <RecipientInput
        label={t('actions.assignTo')}
        value={action.assignTo}
        onChange={(assignTo) => set({ assignTo })}
        errors={errors}
        path="assignTo"
        testId="action-assign"
      />
      <Group gap="xs" align="flex-start" wrap="wrap">
        <NumberInput
          label={t('actions.dueInDays')}
          description={t('actions.dueInDaysHint')}
          min={0}
          max={365}
          value={action.dueInDays}
          onChange={(v) => set({ dueInDays: Number(v) || 0 })}
          error={errors.dueInDays}
          w={160}
          data-testid="action-due-days"
        />
        <Select
          label={t('actions.priority')}
          data={(['low', 'normal', 'high'] as const).map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
          value={action.priority ?? 'normal'}
          onChange={(v) => set({ priority: (v ?? 'normal') as typeof action.priority })}
          allowDeselect={false}
          w={140}
          data-testid="action-priority"
        />
        <Select
          label={t('actions.reminder')}
          data={(['default', 'none'] as const).map((r) => ({ value: r, label: t(`reminders.${r}`) }))}
          value={action.reminder ?? 'default'}
          onChange={(v) => set({ reminder: (v ?? 'default') as typeof action.reminder })}
          allowDeselect={false}
          w={220}
          data-testid="action-reminder"
        />
      </Group>
      <Textarea
        label={t('actions.notes')}
        value={action.notes ?? ''}
        onChange={(e) => set({ notes: e.currentTarget.value || undefined })}
        error={errors.notes}
        autosize
        minRows={1}
        data-testid="action-notes"
      />
    </Stack>
  );
}

function EmailForm({ action, onChange, errors }: FormProps<Extract<Action, { kind: 'send_email' }>>) {
  const { t } = useTranslation('automation');
  const templates = useEmailTemplates();
  return (
    <Stack gap="xs">
      <Select
        allowDeselect={false}
        label={t('actions.template')}
        description={t('actions.templateHint')}
        data={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        value={action.templateId || null}
        onChange={(v) => onChange({ ...action, templateId: v ?? '' })}
        error={errors.templateId}
        nothingFoundMessage={t('templates.none')}
        w={320}
        data-testid="action-template"
      />
      <RecipientInput
        label={t('actions.to')}
        value={action.to}
        onChange={(to) => onChange({ ...action, to })}
        withContact
        errors={errors}
        path="to"
        testId="action-to"
      />
    </Stack>
  );
}

function UpdateFieldForm({
  action,
  onChange,
  errors,
  catalog,
  root,
}: FormProps<Extract<Action, { kind: 'update_field' }>>) {
  const { t } = useTranslation('automation');
  const field = root ? catalog?.fields[root]?.find((f) => f.path === action.field) : undefined;
  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <Select
        allowDeselect={false}
        label={t('actions.field')}
        data={fieldOptions(t, catalog, root, (f) => f.updatable)}
        value={action.field || null}
        onChange={(v) => onChange({ ...action, field: v ?? '', value: null })}
        error={errors.field}
        searchable
        w={260}
        data-testid="action-field"
      />
      <FieldValueInput
        label={t('actions.value')}
        type={field?.type}
        options={field?.options}
        value={action.value}
        onChange={(value) =>
          onChange({ ...action, value: Array.isArray(value) ? (value[0] ?? null) : (value ?? null) })
        }
        error={errors.value}
        testId="action-value"
      />
    </Group>
  );
}

function NotifyForm({ action, onChange, errors, variables }: FormProps<Extract<Action, { kind: 'notify' }>>) {
  const { t } = useTranslation('automation');
  return (
    <Stack gap="xs">
      <RecipientInput
        label={t('actions.to')}
        value={action.to}
        onChange={(to) => onChange({ ...action, to })}
        errors={errors}
        path="to"
        testId="action-notify-to"
      />
      <Textarea
        label={
          <Group gap="xs" component="span">
            {t('actions.message')}
            <VariableMenu
              variables={variables}
              onInsert={(v) => onChange({ ...action, message: `${action.message}${v}` })}
              testId="action-message-variables"
            />
          </Group>
        }
        value={action.message}
        onChange={(e) => onChange({ ...action, message: e.currentTarget.value })}
        error={errors.message}
        autosize
        minRows={2}
        data-testid="action-message"
      />
    </Stack>
  );
}

function WebhookForm({ action, onChange, errors }: FormProps<Extract<Action, { kind: 'call_webhook' }>>) {
  const { t } = useTranslation('automation');
  const hooks = useWebhookOptions();
  return (
    <Select
      allowDeselect={false}
      label={t('actions.webhook')}
      data={(hooks.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
      value={action.webhookId || null}
      onChange={(v) => onChange({ ...action, webhookId: v ?? '' })}
      error={errors.webhookId}
      nothingFoundMessage={t('actions.noWebhooks')}
      w={420}
      data-testid="action-webhook"
    />
  );
}

function WaitForm({ action, onChange, errors }: FormProps<Extract<Action, { kind: 'wait' }>>) {
  const { t } = useTranslation('automation');
  const { amount, unit } = waitOf(action.minutes);
  return (
    <Group gap="xs" align="flex-start">
      <NumberInput
        label={t('actions.waitFor')}
        min={1}
        value={amount}
        onChange={(v) => onChange({ ...action, minutes: minutesOf(Number(v) || 1, unit) })}
        error={errors.minutes}
        w={120}
        data-testid="action-wait-amount"
      />
      <Select
        label={t('actions.waitUnit')}
        data={(['minutes', 'hours', 'days'] as const).map((u) => ({ value: u, label: t(`units.${u}`) }))}
        value={unit}
        onChange={(u) => onChange({ ...action, minutes: minutesOf(amount, (u ?? 'days') as WaitUnit) })}
        allowDeselect={false}
        w={140}
        data-testid="action-wait-unit"
      />
    </Group>
  );
}

/** The form of one action, by its kind; actions without settings say what they do. */
export function ActionForm(props: FormProps<Action>) {
  const { t } = useTranslation('automation');
  const { action } = props;
  const self = errorAt(props.errors, '_self');
  const body = (() => {
    switch (action.kind) {
      case 'create_task':
        return <TaskForm {...props} action={action} />;
      case 'send_email':
        return <EmailForm {...props} action={action} />;
      case 'update_field':
        return <UpdateFieldForm {...props} action={action} />;
      case 'notify':
        return <NotifyForm {...props} action={action} />;
      case 'call_webhook':
        return <WebhookForm {...props} action={action} />;
      case 'wait':
        return <WaitForm {...props} action={action} />;
      default:
        return (
          <Text size="sm" c="dimmed">
            {t(`actionHints.${action.kind}`)}
          </Text>
        );
    }
  })();
  return (
    <Stack gap={4}>
      {body}
      {self ? (
        <Text size="sm" c="red">
          {self}
        </Text>
      ) : null}
    </Stack>
  );
}
