import { Anchor, Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { useNotify } from '../../../components/notifications';
import { SortableTh } from '../../../components/sortable-th';
import { useCan, useSession } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { todayBusinessDate } from '../../../lib/format';
import { useFormat } from '../../../lib/use-format';
import {
  COLLECTIONS_LIMIT,
  useLastContacts,
  useOpenCollectionTasks,
  useOverdueInvoices,
} from '../api/collections-api';
import { useDunningSettings } from '../api/dunning-api';
import {
  COLLECTION_SORTS,
  type CollectionRow,
  type CollectionSort,
  collectionRows,
  DEFAULT_COLLECTION_SORT,
  filterAndSortRows,
} from './collections-values';
import { DunningLevelBadge, dunningLevelOptions } from './dunning-level-badge';

/** Claiming a task is the tasks feature's mutation: the page passes it in (features do not import each other). */
export interface ClaimTask {
  mutate(task: { id: string; version: number }, options: { onError: (err: unknown) => void }): void;
  isPending: boolean;
}

function LastContactCell({ row }: { row: CollectionRow }) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const c = row.lastContact;
  if (!c) {
    return (
      <Text size="sm" c="dimmed" data-testid="collection-last-contact" data-at="">
        —
      </Text>
    );
  }
  return (
    <Stack gap={0} data-testid="collection-last-contact" data-at={c.completedAt} data-type={c.type}>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {fmt.date(c.completedAt)} · {c.typeName}
      </Text>
      <Anchor component={Link} to={`/tasks/${c.taskId}`} size="xs" c="dimmed" lineClamp={1} title={c.subject}>
        {c.assigneeName
          ? t('dunning:collections.contactBy', { subject: c.subject, name: c.assigneeName })
          : c.subject}
      </Anchor>
    </Stack>
  );
}

/**
 * The collections page: every overdue invoice with its open amount, its dunning level, the last
 * contact with the customer and its open collection task (made by the due sweep): who has it, or a
 * claim button for the team. Filter by dunning level; sort by days overdue (default: longest
 * first), open amount, level or last contact.
 */
export function CollectionsList({ claim }: { claim: ClaimTask }) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const notify = useNotify();
  const me = useSession();
  const can = useCan();
  const invoices = useOverdueInvoices();
  const tasks = useOpenCollectionTasks();
  const settings = useDunningSettings();
  const [level, setLevel] = useState('');
  const [sort, setSort] = useState<CollectionSort>(DEFAULT_COLLECTION_SORT);
  const companyIds = (invoices.data?.items ?? []).map((i) => i.companyId);
  const contacts = useLastContacts(companyIds, { enabled: can('tasks.read') && companyIds.length > 0 });
  const myTeams = new Set(me.teams.map((x) => x.id));
  const today = todayBusinessDate();

  if (invoices.isPending || tasks.isPending) {
    return <Text c="dimmed">{t('collections.loading')}</Text>;
  }
  if (invoices.isError || tasks.isError) {
    return <Text c="red">{errorMessage(invoices.error ?? tasks.error, t)}</Text>;
  }

  const all = collectionRows(invoices.data.items, tasks.data.items, contacts.items, today);
  const rows = filterAndSortRows(all, level, sort);
  const openSum = rows.reduce((sum, r) => sum + r.invoice.openCents, 0);
  const onSort = (next: string) =>
    setSort(
      (COLLECTION_SORTS as readonly string[]).includes(next)
        ? (next as CollectionSort)
        : DEFAULT_COLLECTION_SORT,
    );

  return (
    <Stack gap="md" data-testid="collections">
      <Group gap="xl" align="flex-end">
        <Paper withBorder radius="md" p="md">
          <Text size="xs" c="dimmed">
            {t('collections.count')}
          </Text>
          <Text fw={700} size="xl" data-testid="collections-count">
            {fmt.number(rows.length)}
          </Text>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Text size="xs" c="dimmed">
            {t('collections.openSum')}
          </Text>
          <Text fw={700} size="xl" c={openSum > 0 ? 'red' : undefined} data-testid="collections-open-sum">
            {fmt.money(openSum, 'EUR')}
          </Text>
        </Paper>
        <Select
          label={t('dunning:collections.levelFilter')}
          placeholder={t('dunning:collections.allLevels')}
          data={dunningLevelOptions(settings.data, t)}
          value={level || null}
          onChange={(v) => setLevel(v ?? '')}
          clearable
          w={220}
          data-testid="collections-level-filter"
        />
      </Group>
      {invoices.data.nextCursor ? (
        // the page joins in the browser: beyond its first page, counts and filters would mislead silently
        <Text size="sm" c="orange" data-testid="collections-truncated">
          {t('dunning:collections.truncated', { count: COLLECTIONS_LIMIT })}
        </Text>
      ) : null}
      <Paper withBorder radius="md" p="md">
        {rows.length === 0 ? (
          level ? (
            <EmptyState title={t('dunning:collections.emptyLevelTitle')}>
              {t('dunning:collections.emptyLevelHint')}
            </EmptyState>
          ) : (
            <EmptyState title={t('collections.emptyTitle')}>{t('collections.emptyHint')}</EmptyState>
          )
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.number')}</Table.Th>
                  <Table.Th>{t('fields.buyer')}</Table.Th>
                  <SortableTh field="daysOverdue" sort={sort} onSort={onSort} testId="collections-sort-days">
                    {t('collections.daysOverdue')}
                  </SortableTh>
                  <SortableTh field="open" sort={sort} onSort={onSort} testId="collections-sort-open">
                    {t('fields.open')}
                  </SortableTh>
                  <SortableTh field="level" sort={sort} onSort={onSort} testId="collections-sort-level">
                    {t('dunning:collections.level')}
                  </SortableTh>
                  {can('tasks.read') ? (
                    <SortableTh
                      field="lastContact"
                      sort={sort}
                      onSort={onSort}
                      testId="collections-sort-last-contact"
                    >
                      {t('dunning:collections.lastContact')}
                    </SortableTh>
                  ) : null}
                  <Table.Th>{t('collections.task')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => {
                  const { invoice, task, daysOverdue: days } = row;
                  const claimable =
                    task !== undefined &&
                    !task.assigneeId &&
                    task.teamId !== null &&
                    myTeams.has(task.teamId);
                  return (
                    <Table.Tr
                      key={invoice.id}
                      data-testid="collection-row"
                      data-invoice-id={invoice.id}
                      data-task-id={task?.id ?? ''}
                      data-open-cents={invoice.openCents}
                      data-days-overdue={days}
                      data-dunning-level={invoice.dunningLevel}
                    >
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/invoices/${invoice.id}`}
                          size="sm"
                          fw={500}
                          style={{ whiteSpace: 'nowrap' }}
                          data-testid="collection-invoice-link"
                        >
                          {invoice.number}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{invoice.companyName ?? invoice.buyer.name}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text
                          size="sm"
                          c="red"
                          fw={600}
                          style={{ whiteSpace: 'nowrap' }}
                          data-testid="collection-days"
                        >
                          {t('collections.days', { count: days })}
                        </Text>
                        <Text
                          size="xs"
                          c="dimmed"
                          style={{ whiteSpace: 'nowrap' }}
                          data-testid="collection-due-date"
                        >
                          {invoice.dueDate
                            ? t('dunning:collections.dueOn', { date: fmt.date(invoice.dueDate) })
                            : null}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text
                          size="sm"
                          fw={500}
                          style={{ whiteSpace: 'nowrap' }}
                          data-testid="collection-open"
                        >
                          {fmt.money(invoice.openCents, 'EUR')}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Group gap={4} wrap="nowrap" data-testid="collection-level">
                          {invoice.dunningLevel > 0 || invoice.dunningBlocked ? (
                            <DunningLevelBadge
                              level={invoice.dunningLevel}
                              blocked={invoice.dunningBlocked}
                            />
                          ) : (
                            <Text size="sm" c="dimmed">
                              —
                            </Text>
                          )}
                        </Group>
                        {invoice.lastDunnedOn ? (
                          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                            {t('dunning:collections.dunnedOn', { date: fmt.date(invoice.lastDunnedOn) })}
                          </Text>
                        ) : null}
                      </Table.Td>
                      {can('tasks.read') ? (
                        <Table.Td>
                          <LastContactCell row={row} />
                        </Table.Td>
                      ) : null}
                      <Table.Td>
                        {task ? (
                          <Group gap="xs" wrap="nowrap">
                            <Stack gap={0}>
                              <Anchor
                                component={Link}
                                to={`/tasks/${task.id}`}
                                size="sm"
                                style={{ whiteSpace: 'nowrap' }}
                                data-testid="collection-task-link"
                              >
                                {t('collections.openTask')}
                              </Anchor>
                              <Text size="xs" c="dimmed" data-testid="collection-assignee">
                                {task.assigneeName ??
                                  (task.teamName
                                    ? t('collections.unclaimedOf', { team: task.teamName })
                                    : t('collections.unclaimed'))}
                              </Text>
                            </Stack>
                            {claimable ? (
                              <Button
                                size="compact-xs"
                                variant="light"
                                style={{ flexShrink: 0 }}
                                loading={claim.isPending}
                                onClick={() =>
                                  claim.mutate(
                                    { id: task.id, version: task.version },
                                    { onError: (err) => notify.error(errorMessage(err, t)) },
                                  )
                                }
                                data-testid="collection-claim"
                              >
                                {t('collections.claim')}
                              </Button>
                            ) : null}
                          </Group>
                        ) : (
                          <Text size="xs" c="dimmed" data-testid="collection-no-task">
                            {t('collections.noTask')}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
