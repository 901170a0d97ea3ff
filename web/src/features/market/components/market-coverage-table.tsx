import { Progress, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MarketCoverageReport, MarketCoverageRow } from '../../../../../contracts/companies';
import { EmptyState } from '../../../components/empty-state';
import { useFormat } from '../../../lib/use-format';

type Figures = MarketCoverageReport['totals'];

function Ratio({ value }: { value: number | null }) {
  const fmt = useFormat();
  if (value === null) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Stack gap={2} align="flex-end">
      <Text size="sm">
        {fmt.number(value, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })}
      </Text>
      <Progress value={Math.min(100, value * 100)} size={4} w={70} color={value > 1 ? 'teal' : undefined} />
    </Stack>
  );
}

function FigureCells({ row }: { row: Figures }) {
  const fmt = useFormat();
  const num = (n: number | null) => (n === null ? '—' : fmt.number(n));
  const right = { textAlign: 'right' as const, whiteSpace: 'nowrap' as const };
  return (
    <>
      <Table.Td style={right}>{num(row.marketCompanies)}</Table.Td>
      <Table.Td style={right}>{num(row.companiesKnown)}</Table.Td>
      <Table.Td style={right}>{num(row.prospects)}</Table.Td>
      <Table.Td style={right}>{num(row.customers)}</Table.Td>
      <Table.Td style={right} data-testid="coverage-penetration">
        <Ratio value={row.penetration} />
      </Table.Td>
      <Table.Td style={right}>{fmt.money(row.openPipelineCents, 'EUR')}</Table.Td>
      <Table.Td style={right}>{fmt.money(row.wonRevenueCents, 'EUR')}</Table.Td>
      <Table.Td style={right}>
        {row.potentialRevenueCents === null ? '—' : fmt.money(row.potentialRevenueCents, 'EUR')}
      </Table.Td>
      <Table.Td style={right} data-testid="coverage-share">
        <Ratio value={row.shareOfPotential} />
      </Table.Td>
    </>
  );
}

/** Market coverage per segment, with a totals row. */
export function MarketCoverageTable({ report }: { report: MarketCoverageReport }) {
  const { t } = useTranslation('segments');
  if (report.items.length === 0)
    return <EmptyState title={t('coverage.empty')}>{t('coverage.emptyHint')}</EmptyState>;
  const th = (label: string) => <Table.Th style={{ textAlign: 'right' }}>{label}</Table.Th>;
  return (
    <ScrollArea>
      <Table miw={1100} verticalSpacing="sm" highlightOnHover data-testid="market-coverage-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('coverage.segment')}</Table.Th>
            {th(t('coverage.marketCompanies'))}
            {th(t('coverage.companiesKnown'))}
            {th(t('coverage.prospects'))}
            {th(t('coverage.customers'))}
            {th(t('coverage.penetration'))}
            {th(t('coverage.openPipeline'))}
            {th(t('coverage.wonRevenue'))}
            {th(t('coverage.potential'))}
            {th(t('coverage.shareOfPotential'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.items.map((row: MarketCoverageRow) => (
            <Table.Tr key={row.segmentId} data-testid="coverage-row" data-segment-id={row.segmentId}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {row.segmentName}
                </Text>
                <Text size="xs" c="dimmed">
                  {[row.industry, row.region, row.sizeClass].filter(Boolean).join(' · ')}
                </Text>
              </Table.Td>
              <FigureCells row={row} />
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-testid="coverage-totals" style={{ fontWeight: 600 }}>
            <Table.Td>{t('coverage.total')}</Table.Td>
            <FigureCells row={report.totals} />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </ScrollArea>
  );
}
