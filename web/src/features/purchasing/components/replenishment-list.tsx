import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Popover,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { IconBolt, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReplenishmentRunResult, ReplenishmentSuggestion } from '../../../../../contracts/purchasing';
import { EmptyState } from '../../../components/empty-state';
import { QueryError } from '../../../components/query-error';
import { useCan } from '../../../lib/auth';
import { useFormat } from '../../../lib/use-format';
import { useReplenishment, useRunReplenishment } from '../api/replenishment-api';
import { useWarehouses } from '../api/settings-api';
import { purchasingErrorMessage } from './purchasing-errors';
import { ExplanationDetails, ExplanationSummary } from './replenishment-explanation';
import { SupplierSelect } from './supplier-select';

/** The result of a replenishment pass: orders written and approved, and those the user may not approve. */
function RunResult({ result, onClose }: { result: ReplenishmentRunResult; onClose: () => void }) {
  const { t } = useTranslation('purchasing');
  return (
    <Alert
      color={result.notApproved.length > 0 ? 'orange' : 'teal'}
      withCloseButton
      onClose={onClose}
      title={t('replenishment.resultTitle')}
      data-testid="replenishment-result"
    >
      <Stack gap={4}>
        <Text size="sm" data-testid="replenishment-result-created">
          {t('replenishment.resultCreated', {
            checked: result.checked,
            lines: result.linesWritten,
            count: result.purchaseOrderIds.length,
          })}
        </Text>
        {result.approvedIds.length > 0 ? (
          <Text size="sm" data-testid="replenishment-result-approved">
            {t('replenishment.resultApproved', { count: result.approvedIds.length })}
          </Text>
        ) : null}
        {result.purchaseOrderIds.length > 0 ? (
          <Group gap="xs">
            {result.purchaseOrderIds.map((id, i) => (
              <Anchor
                key={id}
                component={Link}
                to={`/purchase-orders/${id}`}
                size="sm"
                data-testid="replenishment-result-po"
              >
                {t('replenishment.resultOrder', { n: i + 1 })}
              </Anchor>
            ))}
          </Group>
        ) : null}
        {result.notApproved.map((n) => (
          <Text
            key={n.purchaseOrderId}
            size="sm"
            c="orange.8"
            data-testid="replenishment-result-not-approved"
          >
            <Anchor component={Link} to={`/purchase-orders/${n.purchaseOrderId}`} size="sm">
              {t('replenishment.notApproved')}
            </Anchor>
            : {n.reason}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/**
 * The "why?" of a suggestion: opens below the button, towards the left (not over the row's draft
 * link), closes on a second click, on Escape and on a click outside.
 */
function ExplainPopover({ suggestion: s }: { suggestion: ReplenishmentSuggestion }) {
  const { t } = useTranslation('purchasing');
  const [opened, setOpened] = useState(false);
  useWindowEvent('keydown', (event) => {
    if (opened && event.key === 'Escape') setOpened(false);
  });
  return (
    <Popover
      width={440}
      position="bottom-end"
      withArrow
      shadow="md"
      withinPortal
      opened={opened}
      onChange={setOpened}
      closeOnEscape
      closeOnClickOutside
      returnFocus
    >
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          aria-label={t('explain.why')}
          aria-expanded={opened}
          onClick={() => setOpened((o) => !o)}
          data-testid={`replenishment-explain-${s.sku}`}
        >
          <IconInfoCircle size={18} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <ExplanationSummary explanation={s.explanation} size="sm" fw={500} mb="xs" />
        <ExplanationDetails explanation={s.explanation} unit={s.unit} testId={`replenishment-why-${s.sku}`} />
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * Replenishment suggestions: each product whose projected stock fell below its reorder point, what
 * Kontor would order from whom, the draft that already holds it, pipeline demand apart, the reason
 * when nothing can be ordered; one click writes the drafts (and approves them within the user's limit).
 */
export function ReplenishmentList() {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  const can = useCan();
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [supplier, setSupplier] = useState<{ id: string; name: string | null } | null>(null);
  const warehouses = useWarehouses();
  const query = useReplenishment({ warehouseId: warehouseId ?? '', supplierId: supplier?.id ?? '' });
  const run = useRunReplenishment();
  const [result, setResult] = useState<ReplenishmentRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items = query.data?.items ?? [];
  const qty = (v: number | null) => (v === null ? '—' : fmt.number(v, { maximumFractionDigits: 3 }));
  const anyPipeline = items.some((s) => s.explanation.pipelineDemand > 0);
  const canWrite = can('purchaseOrders.write');

  const doRun = async (approve: boolean) => {
    setError(null);
    setResult(null);
    try {
      setResult(await run.mutateAsync({ approve, ...(warehouseId ? { warehouseId } : {}) }));
    } catch (err) {
      setError(purchasingErrorMessage(err, t));
    }
  };

  const unit = (s: ReplenishmentSuggestion) => t(`unitShort.${s.unit}`, s.unit);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          {(warehouses.data?.length ?? 0) > 1 ? (
            <Select
              placeholder={t('filters.allWarehouses')}
              aria-label={t('fields.warehouse')}
              data={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
              value={warehouseId}
              onChange={setWarehouseId}
              clearable
              w={220}
              data-testid="replenishment-warehouse-filter"
            />
          ) : null}
          <SupplierSelect
            placeholder={t('filters.allSuppliers')}
            value={supplier?.id ?? null}
            label={supplier?.name ?? null}
            onChange={(id, name) => setSupplier(id ? { id, name } : null)}
            clearable
            w={240}
            testId="replenishment-supplier-filter"
          />
        </Group>
        {canWrite ? (
          <Group gap="sm">
            <Button
              variant="light"
              leftSection={<IconBolt size={16} />}
              onClick={() => void doRun(false)}
              loading={run.isPending && run.variables?.approve === false}
              disabled={run.isPending}
              data-testid="replenishment-run"
            >
              {t('replenishment.run')}
            </Button>
            {can('purchaseOrders.approve') ? (
              <Button
                leftSection={<IconCheck size={16} />}
                onClick={() => void doRun(true)}
                loading={run.isPending && run.variables?.approve === true}
                disabled={run.isPending}
                data-testid="replenishment-run-approve"
              >
                {t('replenishment.runApprove')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      {result ? <RunResult result={result} onClose={() => setResult(null)} /> : null}
      {error ? (
        <Alert color="red" data-testid="replenishment-error">
          {error}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md">
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.isPending ? (
          <Stack gap="xs">
            <Skeleton h={28} />
            <Skeleton h={28} />
            <Skeleton h={28} />
          </Stack>
        ) : items.length === 0 ? (
          <EmptyState title={t('replenishment.emptyTitle')}>{t('replenishment.emptyHint')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table verticalSpacing="xs" fz="sm" highlightOnHover data-testid="replenishment-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.product')}</Table.Th>
                  <Table.Th>{t('fields.supplier')}</Table.Th>
                  <Table.Th ta="right">{t('replenishment.projected')}</Table.Th>
                  {anyPipeline ? <Table.Th ta="right">{t('replenishment.pipeline')}</Table.Th> : null}
                  <Table.Th ta="right">{t('replenishment.suggested')}</Table.Th>
                  <Table.Th ta="right">{t('lines.unitPrice')}</Table.Th>
                  <Table.Th>{t('replenishment.draft')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr
                    key={`${s.productId}-${s.warehouseId}`}
                    data-testid={`replenishment-row-${s.sku}`}
                    data-blocked={s.blockedReason ? 'true' : 'false'}
                  >
                    <Table.Td>
                      <Text size="sm">
                        <Text span ff="monospace" c="dimmed" size="sm">
                          {s.sku}
                        </Text>{' '}
                        {s.productName}
                      </Text>
                      {s.blockedReason ? (
                        <Text size="xs" c="orange.8" data-testid="replenishment-blocked">
                          {s.blockedReason}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{s.supplierName ?? '—'}</Table.Td>
                    <Table.Td
                      ta="right"
                      style={{ whiteSpace: 'nowrap' }}
                      data-testid="replenishment-projected"
                    >
                      <Text span size="sm" c="red" fw={500}>
                        {qty(s.explanation.projected)}
                      </Text>
                      <Text span size="sm" c="dimmed">
                        {' / '}
                        {qty(s.explanation.reorderPoint)} {unit(s)}
                      </Text>
                    </Table.Td>
                    {anyPipeline ? (
                      <Table.Td ta="right" c="violet" data-testid="replenishment-pipeline">
                        {s.explanation.pipelineDemand > 0 ? qty(s.explanation.pipelineDemand) : '—'}
                      </Table.Td>
                    ) : null}
                    <Table.Td
                      ta="right"
                      fw={600}
                      style={{ whiteSpace: 'nowrap' }}
                      data-testid="replenishment-quantity"
                    >
                      {s.quantity === null ? '—' : `${qty(s.quantity)} ${unit(s)}`}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {s.unitPriceCents === null ? '—' : fmt.money(s.unitPriceCents, 'EUR')}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {s.draftPurchaseOrderId ? (
                        <Anchor
                          component={Link}
                          to={`/purchase-orders/${s.draftPurchaseOrderId}`}
                          size="sm"
                          data-testid="replenishment-draft-link"
                        >
                          {s.draftPurchaseOrderNumber ?? t('replenishment.draft')}
                        </Anchor>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                      {s.draftQuantity !== null ? (
                        <Text span size="xs" c="dimmed" data-testid="replenishment-draft-qty">
                          {' · '}
                          {qty(s.draftQuantity)} {unit(s)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <ExplainPopover suggestion={s} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
