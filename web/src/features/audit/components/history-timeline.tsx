import { Box, Group, Loader, Stack, Table, Text, Timeline, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../../contracts/audit';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useAuditHistory } from '../api/audit-api';
import { ChangeValue, entityValueLabel, fieldLabel, type ValueFormatter } from './change-value';

const ACTION_ICON = {
  create: <IconPlus size={12} />,
  update: <IconPencil size={12} />,
  delete: <IconTrash size={12} />,
} as const;
const ACTION_COLOR = { create: 'teal', update: 'blue', delete: 'red' } as const;
/** Technical fields that say nothing to a person reading the history. */
const HIDDEN_FIELDS = new Set(['id', 'createdAt', 'version', 'updatedAt']);

type Named = { id: string; name?: string };
const isNamedList = (v: unknown): v is Named[] =>
  Array.isArray(v) && v.every((x) => x !== null && typeof x === 'object' && 'id' in x);

/** For lists of records (team members): who was added and who removed, instead of two long lists. */
function ListDiff({ before, after }: { before: Named[]; after: Named[] }) {
  const { t } = useTranslation();
  const beforeIds = new Set(before.map((x) => x.id));
  const afterIds = new Set(after.map((x) => x.id));
  const added = after.filter((x) => !beforeIds.has(x.id));
  const removed = before.filter((x) => !afterIds.has(x.id));
  const label = (x: Named) => x.name ?? x.id;
  return (
    <Stack gap={0}>
      {added.length > 0 ? (
        <Text size="sm" c="teal">
          {t('audit:added', { items: added.map(label).join(', ') })}
        </Text>
      ) : null}
      {removed.length > 0 ? (
        <Text size="sm" c="red">
          {t('audit:removed', { items: removed.map(label).join(', ') })}
        </Text>
      ) : null}
    </Stack>
  );
}

export function actorText(entry: AuditEntry, t: ReturnType<typeof useTranslation>['t']): string {
  if (entry.actorName) return entry.actorName;
  if (entry.origin) return t('audit:byOrigin', { origin: entry.origin });
  return t('audit:bySystem');
}

function HistoryEntry({ entry, formatValue }: { entry: AuditEntry; formatValue?: ValueFormatter }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const changes = entry.changes.filter((c) => !HIDDEN_FIELDS.has(c.field));
  return (
    <Box data-testid="history-entry" data-action={entry.action}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600}>
          {t(`audit:actions.${entry.action}`)}
        </Text>
        <Text size="sm" c="dimmed">
          {t('audit:by', { actor: actorText(entry, t) })}
        </Text>
      </Group>
      <Tooltip label={fmt.relative(entry.at)} openDelay={300}>
        <Text size="xs" c="dimmed" w="fit-content">
          {fmt.dateTime(entry.at)}
        </Text>
      </Tooltip>
      {changes.length > 0 ? (
        <Table mt={6} withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} fz="sm">
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.field} data-testid="history-change" data-field={change.field}>
                <Table.Td w="35%" pr="sm" valign="top">
                  <Text size="sm" c="dimmed">
                    {fieldLabel(change.field, t)}
                  </Text>
                </Table.Td>
                <Table.Td valign="top">
                  {entry.action === 'create' ? (
                    <ChangeValue value={change.after} field={change.field} formatValue={formatValue} />
                  ) : entry.action === 'update' && isNamedList(change.before) && isNamedList(change.after) ? (
                    <ListDiff before={change.before} after={change.after} />
                  ) : entry.action === 'delete' ? (
                    <ChangeValue value={change.before} field={change.field} formatValue={formatValue} />
                  ) : (
                    <Group gap={6} wrap="wrap">
                      <Text span td="line-through" c="dimmed" size="sm">
                        <ChangeValue value={change.before} field={change.field} formatValue={formatValue} />
                      </Text>
                      <Text span size="sm" c="dimmed" aria-label={t('audit:changedTo')}>
                        →
                      </Text>
                      <ChangeValue value={change.after} field={change.field} formatValue={formatValue} />
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Box>
  );
}

/** Who changed what and when on one record: every field with its value before and after. */
export function HistoryTimeline({
  entityType,
  entityId,
  formatValue,
}: {
  entityType: string;
  entityId: string;
  /** The domain's own rendering of ids and codes (stage id → stage name). */
  formatValue?: ValueFormatter;
}) {
  const { t } = useTranslation();
  const query = useAuditHistory(entityType, entityId);
  // the domain's own rendering first, then the entity type's coded values in words
  const formatEntityValue: ValueFormatter = (field, value) =>
    formatValue?.(field, value) ?? entityValueLabel(entityType, field, value, t);

  if (query.isPending) return <Loader size="sm" />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;

  const entries = query.data.pages.flatMap((p) => p.items);
  if (entries.length === 0) return <EmptyState title={t('audit:empty')} />;

  return (
    <Box data-testid="history-timeline">
      <Timeline bulletSize={22} lineWidth={2} active={entries.length}>
        {entries.map((entry) => (
          <Timeline.Item key={entry.id} bullet={ACTION_ICON[entry.action]} color={ACTION_COLOR[entry.action]}>
            <HistoryEntry entry={entry} formatValue={formatEntityValue} />
          </Timeline.Item>
        ))}
      </Timeline>
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        testId="history-load-more"
      />
    </Box>
  );
}
