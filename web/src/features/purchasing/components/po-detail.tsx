import {
  Anchor,
  Badge,
  Card,
  Divider,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Fragment, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PurchaseOrder } from '../../../../../contracts/purchasing';
import { EmptyState } from '../../../components/empty-state';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useGoodsReceipts } from '../api/purchase-orders-api';
import { useWarehouses } from '../api/settings-api';
import { ExplanationDetails, LineExplanationToggle } from './replenishment-explanation';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** Supplier, warehouse, dates and the approval/sending trail of an order. */
export function PurchaseOrderFacts({
  po,
  supplierLink,
}: {
  po: PurchaseOrder;
  supplierLink?: string | null;
}) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  const warehouses = useWarehouses();
  const warehouse = warehouses.data?.find((w) => w.id === po.warehouseId);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="po-facts">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        <Stack gap="xs">
          <Fact label={t('fields.supplier')} testId="po-supplier">
            {supplierLink ? (
              <Anchor component={Link} to={supplierLink} size="sm" fw={500}>
                {po.supplierName}
              </Anchor>
            ) : (
              po.supplierName
            )}
          </Fact>
          {po.supplierEmail ? <Fact label={t('fields.supplierEmail')}>{po.supplierEmail}</Fact> : null}
        </Stack>
        <Stack gap="xs">
          <Fact label={t('fields.expectedDate')} testId="po-expected-date">
            <Text span size="sm" c={po.overdue ? 'red' : undefined} fw={po.overdue ? 600 : undefined}>
              {po.expectedDate ? fmt.date(po.expectedDate) : '—'}
            </Text>
          </Fact>
          {warehouses.data && warehouses.data.length > 1 ? (
            <Fact label={t('fields.warehouse')}>{warehouse?.name ?? '—'}</Fact>
          ) : null}
        </Stack>
        <Stack gap="xs">
          <Fact label={t('fields.origin')}>{t(`origin.${po.origin}`)}</Fact>
          <Fact label={t('fields.createdAt')}>{fmt.dateTime(po.createdAt)}</Fact>
        </Stack>
        <Stack gap="xs">
          {po.approvedAt ? (
            <Fact label={t('fields.approved')} testId="po-approved">
              {fmt.dateTime(po.approvedAt)}
              {po.approvedByName ? ` · ${po.approvedByName}` : ''}
            </Fact>
          ) : null}
          {po.sentAt ? (
            <Fact label={t('fields.sent')} testId="po-sent">
              {fmt.dateTime(po.sentAt)}
              {po.sentTo ? ` · ${po.sentTo}` : ''}
            </Fact>
          ) : null}
          {po.receivedAt ? <Fact label={t('fields.receivedAt')}>{fmt.dateTime(po.receivedAt)}</Fact> : null}
          {po.cancelledAt ? (
            <Fact label={t('fields.cancelled')} testId="po-cancelled">
              {fmt.dateTime(po.cancelledAt)}
              {po.cancelReason ? ` · ${po.cancelReason}` : ''}
            </Fact>
          ) : null}
        </Stack>
      </SimpleGrid>
      {po.note ? (
        <Text size="sm" mt="md" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} data-testid="po-note">
          {po.note}
        </Text>
      ) : null}
    </Card>
  );
}

/** Net, VAT and gross of an order (or of the editor's preview). */
export function PurchaseOrderTotals({
  totals,
}: {
  totals: { netCents: number; vatCents?: number | null; grossCents?: number | null };
}) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  return (
    <Stack gap={4} maw={360} ml="auto" w="100%" data-testid="po-totals">
      <Group justify="space-between">
        <Text size="sm">{t('totals.net')}</Text>
        <Text size="sm" data-testid="po-total-net">
          {fmt.money(totals.netCents, 'EUR')}
        </Text>
      </Group>
      {totals.vatCents !== undefined && totals.vatCents !== null ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('totals.vat')}
          </Text>
          <Text size="sm" c="dimmed" data-testid="po-total-vat">
            {fmt.money(totals.vatCents, 'EUR')}
          </Text>
        </Group>
      ) : null}
      {totals.grossCents !== undefined && totals.grossCents !== null ? (
        <>
          <Divider />
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t('totals.gross')}
            </Text>
            <Text size="sm" fw={600} data-testid="po-total-gross">
              {fmt.money(totals.grossCents, 'EUR')}
            </Text>
          </Group>
        </>
      ) : null}
    </Stack>
  );
}

/** The order's lines: ordered, received and open quantities, price, net; a replenishment line explains itself. */
export function PurchaseOrderLinesTable({ po }: { po: PurchaseOrder }) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  const qty = (v: number) => fmt.number(v, { maximumFractionDigits: 3 });
  const showProgress = po.status !== 'draft' && po.status !== 'approved';
  const unit = (u: string) => t(`unitShort.${u}`, u);
  // lines whose "why?" is open: their numbers and causes get a full-width row under the line
  const [openWhy, setOpenWhy] = useState<ReadonlySet<string>>(() => new Set());
  const toggleWhy = (id: string) =>
    setOpenWhy((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns = showProgress ? 8 : 6;
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4} mb="md">
        {t('detail.lines')}
      </Title>
      {po.lines.length === 0 ? (
        <EmptyState title={t('detail.noLines')} />
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="xs" fz="sm" data-testid="po-lines-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={32}>#</Table.Th>
                <Table.Th>{t('lines.product')}</Table.Th>
                <Table.Th ta="right">{t('lines.ordered')}</Table.Th>
                {showProgress ? (
                  <>
                    <Table.Th ta="right">{t('lines.received')}</Table.Th>
                    <Table.Th ta="right">{t('lines.open')}</Table.Th>
                  </>
                ) : null}
                <Table.Th ta="right">{t('lines.unitPrice')}</Table.Th>
                <Table.Th ta="right">{t('lines.vat')}</Table.Th>
                <Table.Th ta="right">{t('lines.net')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {po.lines.map((line, index) => (
                <Fragment key={line.id}>
                  <Table.Tr
                    data-testid="po-line-row"
                    data-sku={line.sku}
                    // a line with an explanation continues in the row below: no border between them
                    style={{ verticalAlign: 'top', ...(line.explanation ? { borderBottom: 0 } : {}) }}
                  >
                    <Table.Td>{index + 1}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="wrap">
                        <Text size="sm" ff="monospace" c="dimmed">
                          {line.sku}
                        </Text>
                        <Text size="sm" style={{ overflowWrap: 'break-word', minWidth: 0 }}>
                          {line.description}
                        </Text>
                        {line.origin === 'replenishment' ? (
                          <Badge size="xs" variant="light" color="violet" style={{ flexShrink: 0 }}>
                            {t('origin.replenishment')}
                          </Badge>
                        ) : null}
                      </Group>
                      {line.supplierSku ? (
                        <Text size="xs" c="dimmed">
                          {t('lines.supplierSku', { sku: line.supplierSku })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td
                      ta="right"
                      style={{ whiteSpace: 'nowrap' }}
                      data-testid={`po-line-qty-${line.sku}`}
                    >
                      {qty(line.quantity)} {unit(line.unit)}
                    </Table.Td>
                    {showProgress ? (
                      <>
                        <Table.Td
                          ta="right"
                          style={{ whiteSpace: 'nowrap' }}
                          data-testid={`po-line-received-${line.sku}`}
                        >
                          {qty(line.received)} {unit(line.unit)}
                        </Table.Td>
                        <Table.Td
                          ta="right"
                          fw={line.open > 0 ? 600 : undefined}
                          style={{ whiteSpace: 'nowrap' }}
                          data-testid={`po-line-open-${line.sku}`}
                        >
                          {qty(line.open)} {unit(line.unit)}
                        </Table.Td>
                      </>
                    ) : null}
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.money(line.unitPriceCents, 'EUR')}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {line.vatRate} %
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.money(line.netCents, 'EUR')}
                    </Table.Td>
                  </Table.Tr>
                  {line.explanation ? (
                    // the summary and the "why?" in a full-width row under the line, not squeezed into a cell
                    <Table.Tr data-testid="po-line-why-row" data-sku={line.sku}>
                      <Table.Td />
                      <Table.Td colSpan={columns - 1} pt={0}>
                        <LineExplanationToggle
                          explanation={line.explanation}
                          sku={line.sku}
                          open={openWhy.has(line.id)}
                          onToggle={() => toggleWhy(line.id)}
                        />
                        {openWhy.has(line.id) ? (
                          <ExplanationDetails
                            explanation={line.explanation}
                            unit={line.unit}
                            testId={`po-line-why-${line.sku}`}
                            mt="xs"
                            mb="xs"
                          />
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ) : null}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group mt="md">
        <PurchaseOrderTotals totals={po} />
      </Group>
    </Card>
  );
}

/** The goods receipts booked for an order, newest first. */
export function GoodsReceiptsList({ po }: { po: PurchaseOrder }) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  const query = useGoodsReceipts(po.id);
  const lineOf = new Map(po.lines.map((l) => [l.id, l]));
  return (
    <Card withBorder radius="md" padding="lg" data-testid="po-receipts">
      <Title order={4} mb="md">
        {t('receipts.title')}
      </Title>
      {query.isPending ? (
        <Loader size="sm" />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('receipts.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          {[...query.data]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((r) => (
              <div key={r.id} data-testid="po-receipt">
                <Text size="sm" fw={500}>
                  {fmt.date(r.receivedOn)}
                </Text>
                {r.lines
                  .filter((l) => l.quantity > 0)
                  .map((l) => (
                    <Text key={l.lineId} size="xs">
                      {fmt.number(l.quantity, { maximumFractionDigits: 3 })}{' '}
                      {t(`unitShort.${lineOf.get(l.lineId)?.unit ?? ''}`, lineOf.get(l.lineId)?.unit ?? '')} ·{' '}
                      <Text span ff="monospace" size="xs">
                        {l.sku}
                      </Text>{' '}
                      {lineOf.get(l.lineId)?.description ?? ''}
                    </Text>
                  ))}
                {r.note ? (
                  <Text size="xs" c="dimmed">
                    {r.note}
                  </Text>
                ) : null}
              </div>
            ))}
        </Stack>
      )}
    </Card>
  );
}
