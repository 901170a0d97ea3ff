import {
  Alert,
  Anchor,
  Breadcrumbs,
  Card,
  Center,
  Grid,
  Group,
  Loader,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ConflictAlert } from '../../components/conflict-alert';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { HistoryTimeline } from '../../features/audit';
import {
  GoodsReceiptsList,
  PurchaseOrderActions,
  PurchaseOrderEditor,
  PurchaseOrderFacts,
  PurchaseOrderLinesTable,
  PurchaseOrderStatusBadge,
  usePurchaseOrder,
} from '../../features/purchasing';
import { isApiError } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { entityLink } from '../entity-links';
import { RequirePermission } from '../require-permission';
import { NotFoundPage } from './not-found-page';

/**
 * `/purchase-orders/new?supplierId=…` opens an empty draft editor; `/purchase-orders/:id` shows an
 * order — supplier, lines with ordered/received/open and their replenishment explanation, totals,
 * goods receipts, history — with the actions its status allows; `?edit=1` edits a draft in place.
 */
export function PurchaseOrderDetailPage() {
  const { t } = useTranslation('purchasing');
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const can = useCan();
  const isNew = !id || id === 'new';
  const query = usePurchaseOrder(isNew ? null : id);
  const po = query.data;
  const [conflict, setConflict] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const editing = params.get('edit') === '1' && po?.status === 'draft';
  const closeEditor = () => setParams({}, { replace: true });

  const crumbs = (
    <Breadcrumbs mb="xs">
      <Anchor component={Link} to="/purchase-orders" size="sm">
        {t('nav')}
      </Anchor>
      <Text size="sm">{isNew ? t('editor.newTitle') : (po?.number ?? '…')}</Text>
    </Breadcrumbs>
  );

  if (isNew) {
    return (
      <RequirePermission permission="purchaseOrders.write">
        {crumbs}
        <PageHeader title={t('editor.newTitle')} description={t('editor.description')} />
        <PurchaseOrderEditor
          supplierId={params.get('supplierId')}
          onSaved={(saved) => navigate(`/purchase-orders/${saved.id}`, { replace: true })}
          onCancel={() => navigate('/purchase-orders')}
        />
      </RequirePermission>
    );
  }
  if (isApiError(query.error, 404)) return <NotFoundPage />;

  return (
    <RequirePermission permission="purchaseOrders.read">
      {crumbs}
      {po ? (
        editing ? (
          <>
            <PageHeader title={t('editor.editTitle', { number: po.number })} description={po.supplierName} />
            <PurchaseOrderEditor
              key={po.version}
              po={po}
              onSaved={closeEditor}
              onCancel={closeEditor}
              onReload={() => query.refetch()}
            />
          </>
        ) : (
          <Stack
            gap="lg"
            data-testid="po-detail"
            data-po-id={po.id}
            data-status={po.status}
            data-number={po.number}
          >
            <PageHeader
              title={
                <Group gap="sm" component="span">
                  <span data-testid="po-number">{po.number}</span>
                  <PurchaseOrderStatusBadge status={po.status} overdue={po.overdue} />
                </Group>
              }
              description={po.supplierName}
              actions={
                <PurchaseOrderActions
                  po={po}
                  onEdit={() => setParams({ edit: '1' })}
                  onConflict={() => setConflict(true)}
                  onError={setActionError}
                />
              }
            />
            {conflict ? (
              <ConflictAlert
                reloading={query.isFetching}
                onReload={() => void query.refetch().then(() => setConflict(false))}
              />
            ) : null}
            {actionError ? (
              <Alert
                color="red"
                withCloseButton
                onClose={() => setActionError(null)}
                data-testid="po-action-error"
              >
                {actionError}
              </Alert>
            ) : null}
            {po.status === 'draft' ? (
              <Alert icon={<IconInfoCircle size={18} />} color="gray">
                {po.origin === 'replenishment' ? t('detail.draftHintReplenishment') : t('detail.draftHint')}
              </Alert>
            ) : null}
            <PurchaseOrderFacts po={po} supplierLink={entityLink('company', po.supplierId, can)} />
            <Grid gap="lg">
              <Grid.Col span={{ base: 12, lg: 8 }}>
                <PurchaseOrderLinesTable po={po} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 4 }}>
                <Stack gap="lg">
                  {po.status !== 'draft' && po.status !== 'approved' ? <GoodsReceiptsList po={po} /> : null}
                  {can('audit.read') ? (
                    <Card withBorder radius="md" padding="lg">
                      <Title order={4} mb="md">
                        {t('detail.history')}
                      </Title>
                      <HistoryTimeline
                        entityType="purchase_order"
                        entityId={po.id}
                        formatValue={(field, value) =>
                          // an order keeps its supplier: the id in the history is this one
                          field === 'supplierId' && value === po.supplierId ? po.supplierName : undefined
                        }
                      />
                    </Card>
                  ) : null}
                </Stack>
              </Grid.Col>
            </Grid>
          </Stack>
        )
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
