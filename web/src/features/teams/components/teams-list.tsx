import { Avatar, Group, Paper, ScrollArea, Skeleton, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useTeams } from '../api/teams-api';

export function TeamsList({
  q,
  onQChange,
  getTeamLink,
}: {
  q: string;
  onQChange: (q: string) => void;
  getTeamLink: (id: string) => string;
}) {
  const { t } = useTranslation('teams');
  const fmt = useFormat();
  const navigate = useNavigate();
  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => setSearch(q), [q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced search text starts a new query
  useEffect(() => {
    if (debounced !== q) onQChange(debounced);
  }, [debounced]);

  const query = useTeams(q);
  const teams = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Paper withBorder radius="md" p="md">
      <TextInput
        mb="md"
        placeholder={t('search')}
        aria-label={t('search')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="teams-search"
        maw={360}
      />
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ScrollArea>
          <Table highlightOnHover verticalSpacing="sm" data-testid="teams-table" miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th>
                <Table.Th>{t('fields.description')}</Table.Th>
                <Table.Th>{t('fields.members')}</Table.Th>
                <Table.Th>{t('fields.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending
                ? Array.from({ length: 3 }, (_, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: static skeleton rows
                    <Table.Tr key={i}>
                      <Table.Td colSpan={4}>
                        <Skeleton height={18} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                : teams.map((team) => (
                    <Table.Tr
                      key={team.id}
                      data-testid="team-row"
                      data-team-id={team.id}
                      data-name={team.name}
                      style={{ cursor: 'pointer' }}
                      onClick={() => navigate(getTeamLink(team.id))}
                    >
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {team.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed" lineClamp={1}>
                          {team.description || '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Avatar.Group spacing="xs">
                            {team.members.slice(0, 4).map((m) => (
                              <Tooltip key={m.id} label={m.name} withArrow>
                                <Avatar size="sm" radius="xl" name={m.name} color="initials" />
                              </Tooltip>
                            ))}
                          </Avatar.Group>
                          <Text size="sm" c="dimmed">
                            {t('memberCount', { count: team.members.length })}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{fmt.date(team.updatedAt)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
          {!query.isPending && teams.length === 0 ? (
            <EmptyState title={t('empty.title')}>{t('empty.hint')}</EmptyState>
          ) : null}
        </ScrollArea>
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loaded={teams.length}
        testId="teams-load-more"
      />
    </Paper>
  );
}
