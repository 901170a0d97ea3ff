import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkloadReport } from '../../../../../contracts/goals';
import { useFormat } from '../../../lib/use-format';
import { type TaskLinkFilter, tasksLink } from './task-links';

type Row = WorkloadReport['people'][number] & { unclaimed?: number };

/** A count that opens the task list filtered the same way; zero stays plain text. */
function CountLink({
  value,
  filter,
  color,
  testId,
}: {
  value: number;
  filter: TaskLinkFilter;
  color?: string;
  testId: string;
}) {
  const fmt = useFormat();
  if (value === 0) {
    return (
      <Text span size="sm" c="dimmed">
        0
      </Text>
    );
  }
  return (
    <Anchor
      component={Link}
      to={tasksLink(filter)}
      size="sm"
      c={color}
      fw={color ? 600 : undefined}
      data-testid={testId}
    >
      {fmt.number(value)}
    </Anchor>
  );
}

/**
 * Open, overdue and due-today tasks per person or per team, with a column per task type (open, and
 * overdue in red); every count links to the task list with that filter.
 */
export function WorkloadTable({
  rows,
  types,
  kind,
}: {
  rows: Row[];
  types: WorkloadReport['types'];
  kind: 'person' | 'team';
}) {
  const { t } = useTranslation('workload');
  const who = (r: Row): TaskLinkFilter => (kind === 'person' ? { assigneeId: r.id } : { teamId: r.id });
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={6} highlightOnHover striped data-testid={`workload-${kind}-table`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{kind === 'person' ? t('columns.person') : t('columns.team')}</Table.Th>
            <Table.Th ta="right">{t('columns.open')}</Table.Th>
            <Table.Th ta="right">{t('columns.overdue')}</Table.Th>
            <Table.Th ta="right">{t('columns.dueToday')}</Table.Th>
            {kind === 'team' ? <Table.Th ta="right">{t('columns.unclaimed')}</Table.Th> : null}
            {types.map((type) => (
              <Table.Th key={type.key} ta="right">
                {/* "E-Mail" breaks between words, not at its hyphen */}
                {type.name.replace(/-/g, '\u2011')}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={5 + types.length}>
                <Text size="sm" c="dimmed">
                  {t('empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : null}
          {rows.map((r) => (
            <Table.Tr
              key={r.id}
              data-testid={`workload-${kind}-row`}
              data-id={r.id}
              data-name={r.name}
              data-open={r.open}
              data-overdue={r.overdue}
              data-due-today={r.dueToday}
              data-unclaimed={kind === 'team' ? (r.unclaimed ?? 0) : undefined}
            >
              <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                {r.name}
              </Table.Td>
              <Table.Td ta="right">
                <CountLink value={r.open} filter={who(r)} testId={`workload-${kind}-open`} />
              </Table.Td>
              <Table.Td ta="right">
                <CountLink
                  value={r.overdue}
                  filter={{ ...who(r), which: 'overdue' }}
                  color="red"
                  testId={`workload-${kind}-overdue`}
                />
              </Table.Td>
              <Table.Td ta="right">
                <CountLink
                  value={r.dueToday}
                  filter={{ ...who(r), which: 'dueToday' }}
                  testId={`workload-${kind}-today`}
                />
              </Table.Td>
              {kind === 'team' ? (
                <Table.Td ta="right">
                  <CountLink
                    value={r.unclaimed ?? 0}
                    filter={{ teamId: r.id, unclaimed: true }}
                    color="orange"
                    testId="workload-team-unclaimed"
                  />
                </Table.Td>
              ) : null}
              {types.map((type) => {
                const c = r.byType[type.key];
                return (
                  <Table.Td
                    key={type.key}
                    ta="right"
                    style={{ whiteSpace: 'nowrap' }}
                    data-type={type.key}
                    data-open={c?.open ?? 0}
                    data-overdue={c?.overdue ?? 0}
                  >
                    <CountLink
                      value={c?.open ?? 0}
                      filter={{ ...who(r), type: type.key }}
                      testId={`workload-${kind}-type`}
                    />
                    {c?.overdue ? (
                      <Text span size="xs" c="red" ml={4}>
                        (
                        <CountLink
                          value={c.overdue}
                          filter={{ ...who(r), type: type.key, which: 'overdue' }}
                          color="red"
                          testId={`workload-${kind}-type-overdue`}
                        />
                        )
                      </Text>
                    ) : null}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
