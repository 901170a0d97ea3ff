import { Alert, Anchor, Card, Center, Grid, Group, Loader, Stack, Title } from '@mantine/core';
import { IconChevronLeft, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConflictAlert } from '../../components/conflict-alert';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { HistoryTimeline } from '../../features/audit';
import { RuleProvenance } from '../../features/automation';
import {
  DunningHistory,
  DunningLevelBadge,
  InvoiceActions,
  InvoiceFacts,
  InvoiceLinesTable,
  InvoicePayments,
  InvoiceStatusBadge,
  isDunnable,
  useInvoice,
} from '../../features/billing';
import { InvoiceDeliveryCard } from '../../features/inventory';
import { OpenTasksPanel } from '../../features/tasks';
import { isApiError } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { entityLink } from '../entity-links';
import { RequirePermission } from '../require-permission';
import { NotFoundPage } from './not-found-page';

/**
 * `/invoices/:id`: an invoice or credit note — buyer, dates, lines, totals; issue a draft, download
 * its documents, send it, record payments, cancel it by a credit note; payments and history.
 */
export function InvoiceDetailPage() {
  const { t } = useTranslation('billing');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const query = useInvoice(id);
  const [conflict, setConflict] = useState(false);
  const invoice = query.data;

  if (isApiError(query.error, 404)) return <NotFoundPage />;

  return (
    <RequirePermission permission="invoices.read">
      <Anchor
        component={Link}
        to="/invoices"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center' }}
      >
        <IconChevronLeft size={14} /> {t('detail.back')}
      </Anchor>
      {invoice ? (
        <Stack
          gap="lg"
          data-testid="invoice-detail"
          data-invoice-id={invoice.id}
          data-status={invoice.status}
          data-number={invoice.number ?? ''}
        >
          <PageHeader
            title={
              <Group gap="sm" component="span">
                <span data-testid="invoice-number">
                  {invoice.number ??
                    (invoice.kind === 'credit_note' ? t('detail.draftCreditNote') : t('detail.draftInvoice'))}
                </span>
                <InvoiceStatusBadge status={invoice.status} overdue={invoice.overdue} kind={invoice.kind} />
                {isDunnable(invoice) ? (
                  <DunningLevelBadge level={invoice.dunningLevel} blocked={invoice.dunningBlocked} />
                ) : null}
              </Group>
            }
            description={invoice.companyName ?? invoice.buyer.name}
            actions={
              <InvoiceActions
                invoice={invoice}
                onEdit={() => navigate(`/invoices/${invoice.id}/edit`)}
                onDeleted={() => navigate('/invoices')}
                onConflict={() => setConflict(true)}
                onCancelled={(creditNoteId) => navigate(`/invoices/${creditNoteId}`)}
              />
            }
          />
          {conflict ? (
            <ConflictAlert
              reloading={query.isFetching}
              onReload={() => void query.refetch().then(() => setConflict(false))}
            />
          ) : null}
          {invoice.correctsInvoiceId ? (
            <Alert icon={<IconInfoCircle size={18} />} color="grape" data-testid="invoice-corrects">
              {t('detail.correctsInvoice')}{' '}
              <Anchor
                component={Link}
                to={`/invoices/${invoice.correctsInvoiceId}`}
                data-testid="invoice-corrects-link"
              >
                {t('detail.openInvoice')}
              </Anchor>
            </Alert>
          ) : null}
          {invoice.correctedByInvoiceId ? (
            <Alert icon={<IconInfoCircle size={18} />} color="orange" data-testid="invoice-corrected-by">
              {t('detail.cancelledBy')}{' '}
              <Anchor
                component={Link}
                to={`/invoices/${invoice.correctedByInvoiceId}`}
                data-testid="invoice-credit-note-link"
              >
                {t('detail.openCreditNote')}
              </Anchor>
            </Alert>
          ) : null}
          {invoice.status === 'draft' ? (
            <Alert icon={<IconInfoCircle size={18} />} color="gray">
              {t('detail.draftHint')}
            </Alert>
          ) : null}
          <RuleProvenance
            entityType="invoice"
            entityId={invoice.id}
            // only invoices made from a deal can come from a rule (create_invoice_from_deal)
            enabled={invoice.dealId !== null}
            canOpenRule={can('automation.read')}
          />
          <InvoiceFacts
            invoice={invoice}
            companyLink={entityLink('company', invoice.companyId, can)}
            dealLink={invoice.dealId ? entityLink('deal', invoice.dealId, can) : null}
          />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Stack gap="lg">
                <InvoiceLinesTable invoice={invoice} />
                {isDunnable(invoice) ? (
                  <DunningHistory invoice={invoice} onConflict={() => setConflict(true)} />
                ) : null}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Stack gap="lg">
                {invoice.kind === 'invoice' &&
                (invoice.status === 'issued' || invoice.status === 'paid') &&
                can('stock.read') ? (
                  <InvoiceDeliveryCard invoiceId={invoice.id} dealId={invoice.dealId} lines={invoice.lines} />
                ) : null}
                {invoice.status !== 'draft' ? <InvoicePayments invoiceId={invoice.id} /> : null}
                {invoice.status !== 'draft' && can('tasks.read') ? (
                  <OpenTasksPanel
                    relation={{ invoiceId: invoice.id }}
                    defaults={{ companyId: invoice.companyId, companyName: invoice.companyName }}
                  />
                ) : null}
                {can('audit.read') ? (
                  <Card withBorder radius="md" padding="lg">
                    <Title order={4} mb="md">
                      {t('detail.history')}
                    </Title>
                    <HistoryTimeline entityType="invoice" entityId={invoice.id} />
                  </Card>
                ) : null}
              </Stack>
            </Grid.Col>
          </Grid>
        </Stack>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Center py="xl">
          <Loader />
        </Center>
      )}
    </RequirePermission>
  );
}
