import { Anchor, Badge, Card, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type ActionRun,
  RUN_STATUSES,
  type RuleRun,
  type RunStatus,
} from '../../../../../contracts/automation-runs';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useRuleRuns } from '../api/automation-api';
import { ConditionResults } from './condition-results';
import { recordLabel, resultPath } from './labels';

export const RUN_COLOR: Record<string, string> = {
  running: 'blue',
  waiting: 'yellow',
  done: 'teal',
  failed: 'red',
  stopped: 'orange',
  skipped: 'gray',
  pending: 'blue',
  discarded: 'gray',
};

function ActionRunRow({ run }: { run: ActionRun }) {
  const { t } = useTranslation('automation');
  const fmt = useFormat();
  const link = run.result ? resultPath(run.result) : null;
  return (
    <Table.Tr data-testid="run-action" data-status={run.status}>
      <Table.Td>{run.actionIndex + 1}</Table.Td>
      <Table.Td>{t(`actionKinds.${run.kind}`, { defaultValue: run.kind })}</Table.Td>
      <Table.Td>
        <Badge size="sm" color={RUN_COLOR[run.status]}>
          {t(`actionStatuses.${run.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {run.result ? (
          link ? (
            <Anchor component={Link} to={link} size="sm" data-testid="run-result-link">
              {run.result.label ?? run.result.entityId}
            </Anchor>
          ) : (
            <Text size="sm">{run.result.label ?? run.result.entityId}</Text>
          )
        ) : run.status === 'pending' ? (
          <Text size="sm" c="dimmed">
            {t('runs.dueAt', { at: fmt.dateTime(run.dueAt) })}
          </Text>
        ) : null}
        {run.lastError ? (
          <Text size="sm" c="red">
            {run.lastError}
            {run.attempts > 1 ? ` (${t('runs.attempts', { count: run.attempts })})` : ''}
          </Text>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

function RunCard({ run }: { run: RuleRun }) {
  const { t } = useTranslation('automation');
  const fmt = useFormat();
  const link =
    run.recordType && run.recordId
      ? resultPath({ entityType: run.recordType, entityId: run.recordId })
      : null;
  const record = run.recordLabel ?? run.recordId;
  return (
    <Card withBorder padding="sm" data-testid="run-row" data-status={run.status}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {fmt.dateTime(run.startedAt)}
          </Text>
          <Badge color={RUN_COLOR[run.status]}>{t(`runStatuses.${run.status}`)}</Badge>
          <Text size="xs" c="dimmed">
            v{run.ruleVersion}
            {run.durationMs !== null ? ` · ${fmt.number(run.durationMs)} ms` : ''}
          </Text>
        </Group>
        {record ? (
          <Group gap={4}>
            <Text size="sm" c="dimmed">
              {run.recordType ? recordLabel(t, run.recordType) : ''}
            </Text>
            {link ? (
              <Anchor component={Link} to={link} size="sm" data-testid="run-record-link">
                {record}
              </Anchor>
            ) : (
              <Text size="sm">{record}</Text>
            )}
          </Group>
        ) : null}
      </Group>
      {run.reason ? (
        <Text size="sm" mt={4}>
          {run.reason}
        </Text>
      ) : null}
      {run.error ? (
        <Text size="sm" c="red" mt={4} data-testid="run-error">
          {run.error}
        </Text>
      ) : null}
      {run.conditions.length > 0 ? (
        <Stack gap={2} mt="xs">
          <ConditionResults conditions={run.conditions} root={run.recordType} />
        </Stack>
      ) : null}
      {run.actions.length > 0 ? (
        <Table mt="xs" withRowBorders={false} verticalSpacing={2} fz="sm">
          <Table.Tbody>
            {run.actions.map((a) => (
              <ActionRunRow key={a.id} run={a} />
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Card>
  );
}

/** **Verlauf**: a rule's runs, newest first, with a status filter and paging. */
export function RuleRuns({ ruleId }: { ruleId: string }) {
  const { t } = useTranslation('automation');
  const [status, setStatus] = useState<RunStatus | ''>('');
  const query = useRuleRuns(ruleId, status);
  const runs = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm">
      <Select
        label={t('runs.status')}
        data={[
          { value: '', label: t('runs.allStatuses') },
          ...RUN_STATUSES.map((s) => ({ value: s, label: t(`runStatuses.${s}`) })),
        ]}
        value={status}
        onChange={(v) => setStatus((v ?? '') as RunStatus | '')}
        allowDeselect={false}
        w={220}
        data-testid="runs-status"
      />
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Loader />
      ) : runs.length === 0 ? (
        <EmptyState title={t('runs.empty')} />
      ) : (
        runs.map((run) => <RunCard key={run.id} run={run} />)
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loaded={runs.length}
        testId="runs-load-more"
      />
    </Stack>
  );
}
