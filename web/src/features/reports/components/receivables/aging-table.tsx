import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AGING_BUCKETS, type AgingBuckets, type AgingReport } from '../../../../../../contracts/receivables';
import { useFormat } from '../../../../lib/use-format';
import { openInvoicesLink } from './open-invoices-link';

/** The five buckets' money cells of one row (amount, with the number of invoices as a tooltip). */
function BucketCells({
  row,
  asOf,
  companyId,
  linked,
}: {
  row: AgingBuckets;
  asOf: string;
  companyId?: string;
  linked: boolean;
}) {
  const { t } = useTranslation('receivables');
  const fmt = useFormat();
  return (
    <>
      {AGING_BUCKETS.map((key) => {
        const b = row[key];
        const text = b.cents ? fmt.money(b.cents, 'EUR') : '—';
        return (
          <Table.Td
            key={key}
            ta="right"
            style={{ whiteSpace: 'nowrap' }}
            c={(key === 'days61to90' || key === 'over90') && b.cents > 0 ? 'red.7' : undefined}
            title={t('aging.invoices', { count: b.count })}
            data-bucket={key}
            data-cents={b.cents}
          >
            {linked && b.count > 0 ? (
              <Anchor component={Link} to={openInvoicesLink(asOf, key, companyId)} inherit>
                {text}
              </Anchor>
            ) : (
              text
            )}
          </Table.Td>
        );
      })}
    </>
  );
}

/** One row per customer (links to the company and its open invoices), the rest summed up, the total. */
export function AgingTable({ report, canOpenInvoices }: { report: AgingReport; canOpenInvoices: boolean }) {
  const { t } = useTranslation('receivables');
  const fmt = useFormat();
  const total = report.total;
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing={6} highlightOnHover data-testid="aging-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('aging.customer')}</Table.Th>
            {AGING_BUCKETS.map((key) => (
              <Table.Th key={key} ta="right" style={{ whiteSpace: 'nowrap' }}>
                {t(`buckets.${key}`)}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t('aging.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.customers.map((c) => (
            <Table.Tr key={c.companyId} data-testid="aging-customer" data-company-id={c.companyId}>
              <Table.Td>
                <Anchor component={Link} to={`/companies/${c.companyId}`} size="sm">
                  {c.companyName ?? t('aging.unknownCompany')}
                </Anchor>
              </Table.Td>
              <BucketCells row={c} asOf={report.asOf} companyId={c.companyId} linked={canOpenInvoices} />
              <Table.Td
                ta="right"
                fw={600}
                style={{ whiteSpace: 'nowrap' }}
                data-testid="aging-customer-total"
              >
                {canOpenInvoices ? (
                  <Anchor component={Link} to={openInvoicesLink(report.asOf, null, c.companyId)} inherit>
                    {fmt.money(c.total.cents, report.currency)}
                  </Anchor>
                ) : (
                  fmt.money(c.total.cents, report.currency)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
          {report.others ? (
            <Table.Tr data-testid="aging-others">
              <Table.Td c="dimmed">{t('aging.others', { count: report.others.customerCount })}</Table.Td>
              <BucketCells row={report.others} asOf={report.asOf} linked={false} />
              <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {fmt.money(report.others.total.cents, report.currency)}
              </Table.Td>
            </Table.Tr>
          ) : null}
          {report.customers.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={7} c="dimmed" ta="center" data-testid="aging-empty">
                {t('aging.empty')}
              </Table.Td>
            </Table.Tr>
          ) : null}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-testid="aging-total-row" fw={700}>
            <Table.Td>{t('aging.total')}</Table.Td>
            <BucketCells row={total} asOf={report.asOf} linked={canOpenInvoices} />
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="aging-total-cents">
              {fmt.money(total.total.cents, report.currency)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
