import {
  Anchor,
  Card,
  Center,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PipelinePurchaseRow } from '../../../../../contracts/stock-report';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { usePipelinePurchases } from '../api/pipeline-purchases-api';

const HORIZONS = ['14', '30', '60', '90'];

function Deals({ row }: { row: PipelinePurchaseRow }) {
  const { t } = useTranslation('stockReport');
  const fmt = useFormat();
  const q = (v: number) => fmt.number(v, { maximumFractionDigits: 3 });
  return (
    <Stack gap={2}>
      {row.deals.map((d) => (
        <Text key={d.dealId} size="xs" c="dimmed" data-testid="pipeline-purchase-deal">
          <Anchor component={Link} to={`/deals/${d.dealId}`} size="xs">
            {d.title}
          </Anchor>{' '}
          {t('stockReport:pipeline.dealLine', {
            stage: d.stageName,
            probability: d.probability,
            quantity: q(d.quantity),
            expected: q(d.expected),
            date: fmt.date(d.expectedCloseDate),
          })}
        </Text>
      ))}
      {row.otherDeals.count > 0 ? (
        <Text size="xs" c="dimmed" data-testid="pipeline-purchase-other-deals">
          {t('stockReport:pipeline.otherDeals', {
            count: row.otherDeals.count,
            expected: q(row.otherDeals.expected),
          })}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * "Einkaufsbedarf aus der Pipeline" on the planning view: what the open deals closing within the
 * chosen days will need, set against available stock and open orders.
 */
export function PipelinePurchasesPanel() {
  const { t } = useTranslation('stockReport');
  const fmt = useFormat();
  const [horizon, setHorizon] = useState('30');
  const query = usePipelinePurchases(Number(horizon));
  const q = (v: number) => fmt.number(v, { maximumFractionDigits: 3 });
  const report = query.data;
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      data-testid="pipeline-purchases"
      data-loading={query.isFetching ? 'true' : 'false'}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" mb="sm">
        <div>
          <Title order={4}>{t('stockReport:pipeline.title')}</Title>
          <Text size="sm" c="dimmed">
            {report
              ? t('stockReport:pipeline.hint', {
                  until: fmt.date(report.until),
                  warehouse: report.warehouse.name,
                })
              : t('stockReport:pipeline.hintShort')}
          </Text>
        </div>
        <SegmentedControl
          value={horizon}
          onChange={setHorizon}
          data={HORIZONS.map((h) => ({
            value: h,
            label: t('stockReport:pipeline.days', { count: Number(h) }),
          }))}
          data-testid="pipeline-purchases-horizon"
        />
      </Group>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !report ? (
        <Center py="lg">
          <Loader size="sm" />
        </Center>
      ) : report.productCount === 0 ? (
        <Text size="sm" c="dimmed" data-testid="pipeline-purchases-empty">
          {t('stockReport:pipeline.none')}
        </Text>
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Text size="sm" data-testid="pipeline-purchases-products">
              {t('stockReport:pipeline.products', { count: report.productCount })}
            </Text>
            <Text
              size="sm"
              fw={600}
              c={report.toBuyCount > 0 ? 'orange.7' : undefined}
              data-testid="pipeline-purchases-to-buy"
            >
              {t('stockReport:pipeline.toBuyCount', { count: report.toBuyCount })}
            </Text>
            <Text size="sm" fw={600} data-testid="pipeline-purchases-value">
              {t('stockReport:pipeline.toBuyValue', { value: fmt.money(report.toBuyCents, report.currency) })}
            </Text>
          </SimpleGrid>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing={6} data-testid="pipeline-purchases-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('stockReport:columns.product')}</Table.Th>
                  <Table.Th ta="right">{t('stockReport:pipeline.demand')}</Table.Th>
                  <Table.Th ta="right">{t('stockReport:pipeline.available')}</Table.Th>
                  <Table.Th ta="right">{t('stockReport:columns.onOrder')}</Table.Th>
                  <Table.Th ta="right">{t('stockReport:pipeline.toBuy')}</Table.Th>
                  <Table.Th ta="right">{t('stockReport:columns.value')}</Table.Th>
                  <Table.Th>{t('stockReport:pipeline.deals')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.items.map((r) => (
                  <Table.Tr key={r.productId} data-testid={`pipeline-purchase-row-${r.sku}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {r.sku}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.name}
                        {r.preferredSupplierName ? ` · ${r.preferredSupplierName}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{q(r.expectedDemand)}</Table.Td>
                    <Table.Td ta="right">{q(r.available)}</Table.Td>
                    <Table.Td ta="right">{q(r.onOrder)}</Table.Td>
                    <Table.Td
                      ta="right"
                      fw={700}
                      c={r.toBuy > 0 ? 'orange.7' : 'dimmed'}
                      data-testid="pipeline-purchase-to-buy"
                    >
                      {q(r.toBuy)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {r.toBuy > 0
                        ? r.unitCostCents === null
                          ? t('stockReport:value.noPrice')
                          : fmt.money(r.toBuyCents, report.currency)
                        : '—'}
                    </Table.Td>
                    <Table.Td>
                      <Deals row={r} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {report.items.length < report.productCount ? (
            <Text size="xs" c="dimmed">
              {t('stockReport:pipeline.more', { shown: report.items.length, count: report.productCount })}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {t('stockReport:pipeline.formula')}
          </Text>
        </Stack>
      )}
    </Card>
  );
}
