import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Invoice } from '../../../../../contracts/billing';
import { useFormat } from '../../../lib/use-format';
import { InvoiceTotals } from './invoice-totals';

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

/** Buyer, dates, terms and references of an invoice. */
export function InvoiceFacts({
  invoice,
  companyLink,
  dealLink,
}: {
  invoice: Invoice;
  companyLink?: string | null;
  dealLink?: string | null;
}) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const b = invoice.buyer;
  const service = invoice.servicePeriodStart
    ? `${fmt.date(invoice.servicePeriodStart)} – ${invoice.servicePeriodEnd ? fmt.date(invoice.servicePeriodEnd) : ''}`
    : invoice.serviceDate
      ? fmt.date(invoice.serviceDate)
      : t('detail.serviceIsIssueDate');
  return (
    <Card withBorder radius="md" padding="lg" data-testid="invoice-facts">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('fields.buyer')}
          </Text>
          <Text size="sm" fw={500}>
            {companyLink ? (
              <Anchor component={Link} to={companyLink} size="sm" fw={500}>
                {b.name}
              </Anchor>
            ) : (
              b.name
            )}
          </Text>
          {b.street ? <Text size="sm">{b.street}</Text> : null}
          <Text size="sm">{[b.postalCode, b.city].filter(Boolean).join(' ')}</Text>
          <Text size="sm">{b.country}</Text>
          {invoice.buyerVatId ? (
            <Text size="sm" c="dimmed">
              {t('fields.buyerVatId')}: {invoice.buyerVatId}
            </Text>
          ) : null}
        </div>
        <Stack gap="xs">
          <Fact label={t('fields.issueDate')} testId="invoice-issue-date">
            {invoice.issueDate ? fmt.date(invoice.issueDate) : '—'}
          </Fact>
          <Fact label={t('fields.dueDate')} testId="invoice-due-date">
            {invoice.dueDate
              ? fmt.date(invoice.dueDate)
              : t('detail.dueAfter', { count: invoice.paymentDays })}
          </Fact>
          <Fact label={t('fields.service')}>{service}</Fact>
        </Stack>
        <Stack gap="xs">
          <Fact label={t('fields.paymentTerms')}>
            {t('detail.paymentTerms', { count: invoice.paymentDays })}
            {invoice.cashDiscountPercent && invoice.cashDiscountDays !== null
              ? ` · ${t('detail.cashDiscount', {
                  percent: fmt.number(invoice.cashDiscountPercent),
                  count: invoice.cashDiscountDays,
                })}`
              : ''}
          </Fact>
          {invoice.buyerReference ? (
            <Fact label={t('fields.buyerReference')}>{invoice.buyerReference}</Fact>
          ) : null}
          {invoice.buyerEmail ? <Fact label={t('fields.buyerEmail')}>{invoice.buyerEmail}</Fact> : null}
        </Stack>
        <Stack gap="xs">
          {dealLink ? (
            <Fact label={t('fields.deal')}>
              <Anchor component={Link} to={dealLink} size="sm" data-testid="invoice-deal-link">
                {t('detail.openDeal')}
              </Anchor>
            </Fact>
          ) : null}
          <Fact label={t('fields.createdAt')}>{fmt.dateTime(invoice.createdAt)}</Fact>
          {invoice.paidAt ? <Fact label={t('fields.paidAt')}>{fmt.dateTime(invoice.paidAt)}</Fact> : null}
        </Stack>
      </SimpleGrid>
    </Card>
  );
}

/** The lines as invoiced, with the totals and the VAT per rate. */
export function InvoiceLinesTable({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const sign = invoice.kind === 'credit_note' ? -1 : 1;
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4} mb="md">
        {t('detail.lines')}
      </Title>
      {invoice.introText ? (
        <Text size="sm" mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {invoice.introText}
        </Text>
      ) : null}
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" fz="sm" data-testid="invoice-lines-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>#</Table.Th>
              <Table.Th>{t('lines.description')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('lines.quantity')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('lines.unitPrice')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('lines.discount')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('lines.vat')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('lines.net')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.lines.map((line) => (
              <Table.Tr key={line.id} data-testid="invoice-line-row">
                <Table.Td>{line.position}</Table.Td>
                <Table.Td>
                  {line.description}
                  {line.vatRate === 0 && line.exemptionReason ? (
                    <Text size="xs" c="dimmed">
                      {t(`vatCategories.${line.vatCategory}`)} · {line.exemptionReason}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  {fmt.number(line.quantity, { maximumFractionDigits: 3 })}{' '}
                  {t(`unitShort.${line.unit}`, line.unit)}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  {fmt.money(line.unitPriceCents, 'EUR')}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  {line.discountPercent ? `${fmt.number(line.discountPercent)} %` : '—'}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{line.vatRate} %</Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  {fmt.money(sign * line.netCents, 'EUR')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group mt="md">
        <InvoiceTotals
          totals={invoice}
          sign={sign}
          paidCents={invoice.status === 'draft' ? undefined : invoice.paidCents}
          openCents={invoice.status === 'issued' || invoice.status === 'paid' ? invoice.openCents : undefined}
        />
      </Group>
      {invoice.notes ? (
        <Text size="sm" mt="md" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {invoice.notes}
        </Text>
      ) : null}
    </Card>
  );
}
