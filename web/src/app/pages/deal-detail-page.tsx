import { Anchor, Card, Center, Grid, Group, Loader, Stack, Title } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConflictAlert } from '../../components/conflict-alert';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { HistoryTimeline } from '../../features/audit';
import { DealInvoiceButton } from '../../features/billing';
import { DealStockCard } from '../../features/inventory';
import {
  DealActions,
  DealFacts,
  DealFormModal,
  DealLinesTable,
  DealStatusBadge,
  StageHistory,
  useDeal,
  useDealHistoryValues,
  usePipelines,
} from '../../features/sales';
import { OpenTasksPanel } from '../../features/tasks';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/** `/deals/:id`: the deal's facts, lines, stage progress and history; edit, win, lose, reopen. */
export function DealDetailPage() {
  const { t } = useTranslation('sales');
  const { id = '' } = useParams();
  const can = useCan();
  const query = useDeal(id);
  const pipelines = usePipelines();
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState(false);
  const deal = query.data;
  const pipeline = pipelines.data?.find((p) => p.id === deal?.pipelineId);
  const formatHistoryValue = useDealHistoryValues({
    companyId: deal?.companyId ?? '',
    companyName: deal?.companyName ?? null,
    contactId: deal?.contactId ?? null,
  });

  return (
    <RequirePermission permission="deals.read">
      <Anchor
        component={Link}
        to="/deals"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center' }}
      >
        <IconChevronLeft size={14} /> {t('detail.back')}
      </Anchor>
      {deal ? (
        <Stack gap="lg" data-testid="deal-detail" data-deal-id={deal.id} data-status={deal.status}>
          <PageHeader
            title={
              <Group gap="sm" component="span">
                <span>{deal.title}</span>
                <DealStatusBadge status={deal.status} />
              </Group>
            }
            description={deal.companyName ?? undefined}
            actions={
              <>
                {!query.isPlaceholderData ? (
                  <DealInvoiceButton dealId={deal.id} won={deal.status === 'won'} />
                ) : null}
                {can('deals.write') && !query.isPlaceholderData ? (
                  <DealActions
                    deal={deal}
                    onEdit={() => setEditing(true)}
                    onConflict={() => setConflict(true)}
                  />
                ) : null}
              </>
            }
          />
          {conflict ? (
            <ConflictAlert
              reloading={query.isFetching}
              onReload={() => void query.refetch().then(() => setConflict(false))}
            />
          ) : null}
          <DealFacts deal={deal} pipeline={pipeline} />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="lg">
                <DealLinesTable deal={deal} />
                {can('audit.read') ? (
                  <Card withBorder radius="md" padding="lg">
                    <Title order={4} mb="md">
                      {t('detail.history')}
                    </Title>
                    <HistoryTimeline entityType="deal" entityId={deal.id} formatValue={formatHistoryValue} />
                  </Card>
                ) : null}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack gap="lg">
                {deal.status !== 'open' && can('stock.read') && !query.isPlaceholderData ? (
                  <DealStockCard dealId={deal.id} dealVersion={deal.version} />
                ) : null}
                {can('tasks.read') ? (
                  <OpenTasksPanel
                    relation={{ dealId: deal.id }}
                    defaults={{
                      dealId: deal.id,
                      dealTitle: deal.title,
                      companyId: deal.companyId,
                      companyName: deal.companyName,
                      contactId: deal.contactId,
                    }}
                  />
                ) : null}
                <Card withBorder radius="md" padding="lg">
                  <Title order={4} mb="md">
                    {t('detail.stageHistory')}
                  </Title>
                  <StageHistory deal={deal} />
                </Card>
              </Stack>
            </Grid.Col>
          </Grid>
          {can('deals.write') && !query.isPlaceholderData ? (
            <DealFormModal
              opened={editing}
              onClose={() => setEditing(false)}
              deal={deal}
              onReload={() => query.refetch()}
            />
          ) : null}
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
