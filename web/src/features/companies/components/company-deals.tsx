import { Anchor, Badge, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListResponse } from '../../../../../contracts/common';
import type { Deal } from '../../../../../contracts/sales';
import { EmptyState } from '../../../components/empty-state';
import { QueryError } from '../../../components/query-error';
import { api } from '../../../lib/api';
import { useFormat } from '../../../lib/use-format';

const STATUS_COLOR = { open: 'blue', won: 'teal', lost: 'gray' } as const;
const LIMIT = 20;

/**
 * The deals of a company, read-only (newest first): the slot on the company page that the sales
 * screens link into. Each title opens the deal where the sales feature shows it (`getDealLink`).
 */
export function CompanyDeals({
  companyId,
  getDealLink,
  allLink,
}: {
  companyId: string;
  getDealLink?: (id: string) => string | null;
  /** The full deal list filtered to this company, if the app has one. */
  allLink?: string | null;
}) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const query = useQuery({
    // Not under ['deals','list']: those entries are the deals list's infinite pages.
    queryKey: ['deals', 'of-company', companyId],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Deal>>('/deals', { companyId, sort: '-createdAt', limit: LIMIT }, signal),
  });
  const deals = query.data?.items ?? [];
  const open = deals.filter((d) => d.status === 'open');

  return (
    <Paper withBorder radius="md" p="md" data-testid="company-deals">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={4}>{t('deals.title')}</Title>
          {open.length > 0 ? (
            <Text size="sm" c="dimmed">
              {t('deals.openSum', {
                count: open.length,
                amount: fmt.money(
                  open.reduce((sum, d) => sum + d.amountCents, 0),
                  'EUR',
                ),
              })}
            </Text>
          ) : null}
        </Group>
        {allLink && query.data?.nextCursor ? (
          <Anchor component={Link} to={allLink} size="sm">
            {t('deals.all')}
          </Anchor>
        ) : null}
      </Group>
      {query.isPending ? (
        <Loader size="sm" />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : deals.length === 0 ? (
        <EmptyState title={t('deals.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deals.fields.title')}</Table.Th>
                <Table.Th>{t('deals.fields.stage')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('deals.fields.amount')}</Table.Th>
                <Table.Th>{t('deals.fields.expectedClose')}</Table.Th>
                <Table.Th>{t('deals.fields.owner')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deals.map((deal) => {
                const link = getDealLink?.(deal.id);
                return (
                  <Table.Tr key={deal.id} data-testid="company-deal" data-deal-id={deal.id}>
                    <Table.Td>
                      {link ? (
                        <Anchor component={Link} to={link} size="sm" fw={500}>
                          {deal.title}
                        </Anchor>
                      ) : (
                        <Text size="sm" fw={500}>
                          {deal.title}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={STATUS_COLOR[deal.status]}>
                        {deal.stageName}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                      {fmt.money(deal.amountCents, deal.currency)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(deal.expectedCloseDate)}</Table.Td>
                    <Table.Td>{deal.ownerName ?? '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
