import { Anchor, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '../../../../../contracts/work';
import { EmptyState } from '../../../components/empty-state';
import { useNotify } from '../../../components/notifications';
import { useSession } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { todayBusinessDate } from '../../../lib/format';
import { useFormat } from '../../../lib/use-format';
import { useOpenCollectionTasks, useOverdueInvoices } from '../api/collections-api';

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Claiming a task is the tasks feature's mutation: the page passes it in (features do not import each other). */
export interface ClaimTask {
  mutate(task: { id: string; version: number }, options: { onError: (err: unknown) => void }): void;
  isPending: boolean;
}

/**
 * The collections page: every overdue invoice (longest overdue first) with its open amount and its
 * open collection task (made by the due sweep): who has it, or a claim button for the team.
 */
export function CollectionsList({ claim }: { claim: ClaimTask }) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const notify = useNotify();
  const me = useSession();
  const invoices = useOverdueInvoices();
  const tasks = useOpenCollectionTasks();
  const myTeams = new Set(me.teams.map((x) => x.id));
  const today = todayBusinessDate();

  if (invoices.isPending || tasks.isPending) {
    return <Text c="dimmed">{t('collections.loading')}</Text>;
  }
  if (invoices.isError || tasks.isError) {
    return <Text c="red">{errorMessage(invoices.error ?? tasks.error, t)}</Text>;
  }

  const taskOf = new Map<string, Task>();
  for (const task of tasks.data.items) {
    if (task.invoiceId && !taskOf.has(task.invoiceId)) taskOf.set(task.invoiceId, task);
  }
  const rows = invoices.data.items.filter((i) => i.kind === 'invoice');
  const openSum = rows.reduce((sum, i) => sum + i.openCents, 0);

  return (
    <Stack gap="md" data-testid="collections">
      <Group gap="xl">
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
      </Group>
      <Paper withBorder radius="md" p="md">
        {rows.length === 0 ? (
          <EmptyState title={t('collections.emptyTitle')}>{t('collections.emptyHint')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.number')}</Table.Th>
                  <Table.Th>{t('fields.buyer')}</Table.Th>
                  <Table.Th>{t('fields.dueDate')}</Table.Th>
                  <Table.Th ta="right">{t('collections.daysOverdue')}</Table.Th>
                  <Table.Th ta="right">{t('fields.open')}</Table.Th>
                  <Table.Th>{t('collections.task')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((invoice) => {
                  const task = taskOf.get(invoice.id);
                  const days = invoice.dueDate ? daysBetween(invoice.dueDate, today) : 0;
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
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {invoice.dueDate ? fmt.date(invoice.dueDate) : '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text
                          size="sm"
                          c="red"
                          fw={600}
                          style={{ whiteSpace: 'nowrap' }}
                          data-testid="collection-days"
                        >
                          {t('collections.days', { count: days })}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text
                          size="sm"
                          fw={500}
                          style={{ whiteSpace: 'nowrap' }}
                          data-testid="collection-open"
                        >
                          {fmt.money(invoice.openCents, 'EUR')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {task ? (
                          <Group gap="xs" wrap="nowrap">
                            <Stack gap={0}>
                              <Anchor
                                component={Link}
                                to={`/tasks/${task.id}`}
                                size="sm"
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
