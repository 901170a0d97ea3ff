import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateGoal,
  type GoalMetric,
  type GoalPeriodKind,
  type GoalWithProgress,
  UpdateGoal,
} from '../../../../../contracts/goals';
import type { Team } from '../../../../../contracts/identity';
import { ROLE_SCOPE } from '../../../../../contracts/permissions';
import { ConflictAlert } from '../../../components/conflict-alert';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { useNotify } from '../../../components/notifications';
import { TeamPicker, UserPicker } from '../../../components/record-pickers';
import { isConflict } from '../../../lib/api';
import { useSession } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { todayBusinessDate } from '../../../lib/format';
import { useTeamLookup, useUserLookup } from '../../../lib/record-lookups';
import { useFormat } from '../../../lib/use-format';
import { useCreateGoal, useGoalTaskTypes, useUpdateGoal } from '../api/goals-api';
import { isMoneyMetric, METRICS, periodText } from './goal-values';

const PERIOD_KINDS: readonly GoalPeriodKind[] = ['month', 'quarter', 'year', 'custom'];

interface Values extends Record<string, unknown> {
  ownerKind: 'team' | 'user';
  userId: string | null;
  teamId: string | null;
  metric: GoalMetric;
  taskType: string | null;
  periodKind: GoalPeriodKind;
  periodStart: string | null;
  periodEnd: string | null;
  /** Euros for money metrics (cents in the API), a count otherwise. */
  target: number | string;
  name: string;
}

const emptyValues = (): Values => ({
  ownerKind: 'team',
  userId: null,
  teamId: null,
  metric: 'revenue_won',
  taskType: null,
  periodKind: 'month',
  periodStart: todayBusinessDate(),
  periodEnd: null,
  target: '',
  name: '',
});

const fromGoal = (g: GoalWithProgress): Values => ({
  ownerKind: g.teamId ? 'team' : 'user',
  userId: g.userId,
  teamId: g.teamId,
  metric: g.metric,
  taskType: g.taskType,
  periodKind: g.periodKind,
  periodStart: g.periodStart,
  periodEnd: g.periodKind === 'custom' ? g.periodEnd : null,
  target: isMoneyMetric(g.metric) ? g.target / 100 : g.target,
  name: g.name,
});

function targetOf(v: Values): number | undefined {
  if (v.target === '') return undefined;
  const n = Number(v.target);
  return isMoneyMetric(v.metric) ? Math.round(n * 100) : n;
}

function toCreate(v: Values) {
  return {
    name: v.name.trim() || undefined,
    userId: v.ownerKind === 'user' ? v.userId : null,
    teamId: v.ownerKind === 'team' ? v.teamId : null,
    metric: v.metric,
    taskType: v.metric === 'activities_completed' ? v.taskType : null,
    periodKind: v.periodKind,
    periodStart: v.periodStart ?? '',
    periodEnd: v.periodKind === 'custom' ? (v.periodEnd ?? '') : undefined,
    target: targetOf(v),
  };
}

/**
 * The name a goal gets when none is typed, in the user's language: "Gewonnener Umsatz · Vertrieb
 * Nord · Nov. 2026" (null while the owner or period is missing).
 */
function suggestedName(
  v: Values,
  names: { owner: string | undefined; taskType: string | undefined },
  t: ReturnType<typeof useTranslation>['t'],
  fmt: ReturnType<typeof useFormat>,
): string | null {
  if (!names.owner || !v.periodStart || (v.periodKind === 'custom' && !v.periodEnd)) return null;
  const metric = t(`metrics.${v.metric}`);
  const what =
    v.metric === 'activities_completed' && names.taskType ? `${metric} (${names.taskType})` : metric;
  const period = periodText(fmt, t, {
    periodKind: v.periodKind,
    periodStart: v.periodStart,
    periodEnd: v.periodEnd ?? v.periodStart,
  });
  return `${what} · ${names.owner} · ${period}`;
}

function GoalForm({ goal, onClose }: { goal?: GoalWithProgress; onClose: () => void }) {
  const { t } = useTranslation('goals');
  const fmt = useFormat();
  const notify = useNotify();
  const form = useForm<Values>(goal ? fromGoal(goal) : emptyValues());
  const users = useUserLookup();
  const teams = useTeamLookup();
  const types = useGoalTaskTypes();
  const create = useCreateGoal();
  const update = useUpdateGoal();
  const [conflict, setConflict] = useState(false);
  const v = form.values;
  const money = isMoneyMetric(v.metric);
  const de = fmt.locale === 'de';
  const me = useSession();
  // managers plan for their own teams and those teams' members; admins for anyone
  const everyone = ROLE_SCOPE[me.user.role] === 'all';
  const myTeamIds = new Set(me.teams.map((team) => team.id));
  const plansFor = (team: Team) => everyone || myTeamIds.has(team.id) || team.id === v.teamId;
  const members = new Set([
    me.user.id,
    ...(teams.data ?? []).filter(plansFor).flatMap((team) => team.members.map((m) => m.id)),
  ]);
  const nameOf = (values: Values) =>
    suggestedName(
      values,
      {
        owner:
          values.ownerKind === 'team'
            ? (teams.data ?? []).find((team) => team.id === values.teamId)?.name
            : (users.data ?? []).find((u) => u.id === values.userId)?.name,
        taskType: (types.data ?? []).find((type) => type.key === values.taskType)?.name,
      },
      t,
      fmt,
    );
  const suggestion = nameOf(v);

  const failed = (err: unknown) => {
    if (isConflict(err)) setConflict(true);
    else if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
  };
  const saved = (result: GoalWithProgress) => {
    notify.success(goal ? t('edit.done') : t('create.done', { name: result.name }));
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (goal) {
      const before = fromGoal(goal);
      const body: Record<string, unknown> = { version: goal.version };
      const typed = v.name.trim();
      if (typed && typed !== before.name) body.name = typed;
      // a name that was suggested follows the goal; one typed by a person stays
      else if (suggestion && (!typed || before.name === nameOf(before)) && suggestion !== before.name)
        body.name = suggestion;
      if (v.target !== before.target) body.target = targetOf(v);
      if (v.taskType !== before.taskType) body.taskType = v.taskType;
      if (
        v.periodKind !== before.periodKind ||
        v.periodStart !== before.periodStart ||
        v.periodEnd !== before.periodEnd
      ) {
        body.periodKind = v.periodKind;
        body.periodStart = v.periodStart ?? '';
        if (v.periodKind === 'custom') body.periodEnd = v.periodEnd ?? '';
      }
      const parsed = form.validate(UpdateGoal, body);
      if (parsed) update.mutate({ id: goal.id, ...parsed }, { onSuccess: saved, onError: failed });
      return;
    }
    const parsed = form.validate(CreateGoal, {
      ...toCreate(v),
      name: v.name.trim() || suggestion || undefined,
    });
    if (parsed) create.mutate(parsed, { onSuccess: saved, onError: failed });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="goal-form">
      <Stack gap="sm">
        {conflict ? <ConflictAlert onReload={onClose} /> : null}
        <SegmentedControl
          value={v.ownerKind}
          onChange={(kind) => form.setFieldValue('ownerKind', kind as Values['ownerKind'])}
          disabled={Boolean(goal)}
          data={[
            { value: 'team', label: t('fields.forTeam') },
            { value: 'user', label: t('fields.forUser') },
          ]}
          data-testid="goal-owner-kind"
        />
        {v.ownerKind === 'team' ? (
          <TeamPicker
            label={t('fields.team')}
            required
            disabled={Boolean(goal)}
            include={plansFor}
            data-testid="goal-team"
            {...form.getInputProps('teamId')}
            // "either a person or a team" points at userId; here the team is missing
            error={form.errors.teamId ?? form.errors.userId}
          />
        ) : (
          <UserPicker
            label={t('fields.user')}
            required
            disabled={Boolean(goal)}
            include={(u) => everyone || members.has(u.id)}
            error={form.errors.userId}
            data-testid="goal-user"
            value={v.userId}
            onChange={(value) => form.setFieldValue('userId', value)}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('fields.metric')}
            required
            allowDeselect={false}
            disabled={Boolean(goal)}
            data={METRICS.map((m) => ({ value: m, label: t(`metrics.${m}`) }))}
            data-testid="goal-metric"
            {...form.getInputProps('metric')}
          />
          {v.metric === 'activities_completed' ? (
            <Select
              label={t('fields.taskType')}
              placeholder={t('fields.anyActivity')}
              clearable
              data={(types.data ?? [])
                .filter((type) => !type.archived || type.key === v.taskType)
                .map((type) => ({ value: type.key, label: type.name }))}
              data-testid="goal-task-type"
              {...form.getInputProps('taskType')}
            />
          ) : null}
        </SimpleGrid>
        {v.metric === 'invoices_collected' ? (
          <Text size="xs" c="dimmed">
            {t('hints.invoicesCollected')}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('fields.periodKind')}
            required
            allowDeselect={false}
            data={PERIOD_KINDS.map((k) => ({ value: k, label: t(`periodKinds.${k}`) }))}
            data-testid="goal-period-kind"
            {...form.getInputProps('periodKind')}
          />
          <LazyDateInput
            label={v.periodKind === 'custom' ? t('fields.periodStart') : t('fields.periodAnyDay')}
            required
            value={v.periodStart}
            onChange={(value) => form.setFieldValue('periodStart', value)}
            error={form.errors.periodStart}
            data-testid="goal-period-start"
          />
          {v.periodKind === 'custom' ? (
            <LazyDateInput
              label={t('fields.periodEnd')}
              required
              value={v.periodEnd}
              onChange={(value) => form.setFieldValue('periodEnd', value)}
              error={form.errors.periodEnd}
              data-testid="goal-period-end"
            />
          ) : null}
        </SimpleGrid>
        <NumberInput
          label={money ? t('fields.targetMoney') : t('fields.targetCount')}
          required
          min={money ? 0.01 : 1}
          decimalScale={money ? 2 : 0}
          allowNegative={false}
          suffix={money ? ' €' : undefined}
          thousandSeparator={de ? '.' : ','}
          decimalSeparator={de ? ',' : '.'}
          data-testid="goal-target"
          {...form.getInputProps('target')}
        />
        <TextInput
          label={t('fields.name')}
          description={t('hints.name')}
          placeholder={suggestion ?? undefined}
          data-testid="goal-name"
          {...form.getInputProps('name')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            type="submit"
            loading={create.isPending || update.isPending}
            disabled={conflict || (Boolean(goal) && !form.isDirty)}
            data-testid="goal-save"
          >
            {goal ? t('common:actions.save') : t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function GoalFormModal({
  opened,
  onClose,
  goal,
}: {
  opened: boolean;
  onClose: () => void;
  goal?: GoalWithProgress;
}) {
  const { t } = useTranslation('goals');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={goal ? t('edit.title', { name: goal.name }) : t('create.title')}
      size="lg"
      data-testid={goal ? 'goal-edit-modal' : 'goal-create-modal'}
    >
      {opened ? <GoalForm key={goal?.id ?? 'new'} goal={goal} onClose={onClose} /> : null}
    </Modal>
  );
}
