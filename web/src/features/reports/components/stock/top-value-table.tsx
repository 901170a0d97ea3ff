import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StockReport } from '../../../../../../contracts/stock-report';
import { useFormat } from '../../../../lib/use-format';
import { qty } from './quantity';
import { MaybeLink, type StockReportLinks } from './stock-links';

/** The products holding the most stock value: on hand × unit cost (flagged when there is no price). */
export function TopValueTable({ report, links }: { report: StockReport; links: StockReportLinks }) {
  const { t } = useTranslation('stockReport');
  const fmt = useFormat();
  if (report.value.top.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="stock-top-empty">
        {t('stockReport:value.none')}
      </Text>
    );
  }
  return (
    <Table verticalSpacing={6} highlightOnHover data-testid="stock-top-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('stockReport:columns.sku')}</Table.Th>
          <Table.Th>{t('stockReport:columns.product')}</Table.Th>
          <Table.Th ta="right">{t('stockReport:columns.onHand')}</Table.Th>
          <Table.Th ta="right">{t('stockReport:columns.unitCost')}</Table.Th>
          <Table.Th ta="right">{t('stockReport:columns.value')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.value.top.map((r) => (
          <Table.Tr key={r.productId} data-testid={`stock-top-row-${r.sku}`}>
            <Table.Td>
              <MaybeLink to={`/products/${r.productId}`} show={links.products}>
                {r.sku}
              </MaybeLink>
            </Table.Td>
            <Table.Td>{r.name}</Table.Td>
            <Table.Td ta="right">{qty(fmt, r.onHand)}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {r.unitCostCents === null ? (
                <Text size="sm" c="orange.7" span>
                  {t('stockReport:value.noPrice')}
                </Text>
              ) : (
                fmt.money(r.unitCostCents, report.currency)
              )}
            </Table.Td>
            <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {fmt.money(r.valueCents, report.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
