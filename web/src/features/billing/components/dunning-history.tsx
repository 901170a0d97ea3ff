import { ActionIcon, Alert, Card, Group, Stack, Switch, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconDownload, IconHandStop } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../../contracts/billing';
import type { DunningNotice } from '../../../../../contracts/dunning';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { useCan } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { noticePdfUrl, useDunningNotices, useSetDunningBlock } from '../api/dunning-api';
import { downloadDocument } from '../api/invoices-api';
import { DunningLevelBadge } from './dunning-level-badge';

/** Whether an invoice takes part in dunning at all (issued invoices, not credit notes or drafts). */
export const isDunnable = (invoice: Pick<Invoice, 'kind' | 'status'>) =>
  invoice.kind === 'invoice' && invoice.status !== 'draft';

function NoticeRow({ notice, number }: { notice: DunningNotice; number: string }) {
  const { t } = useTranslation('dunning');
  const fmt = useFormat();
  const notify = useNotify();
  const money = (cents: number) => (cents ? fmt.money(cents, 'EUR') : '—');
  const url = noticePdfUrl(notice.id);
  return (
    <Table.Tr data-testid="dunning-notice-row" data-level={notice.level} data-notice-id={notice.id}>
      <Table.Td>
        <Text size="sm" fw={500} data-testid="dunning-notice-level">
          {notice.levelName}
        </Text>
        <Text size="xs" c="dimmed" data-testid="dunning-notice-date">
          {fmt.date(notice.noticeDate)} · {t('history.daysOverdue', { count: notice.daysOverdue })}
        </Text>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {fmt.money(notice.openCents, 'EUR')}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="dunning-notice-fees">
        {money(notice.feeCents)}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="dunning-notice-interest">
        {money(notice.interestCents)}
        {notice.interestCents ? (
          <Text size="xs" c="dimmed">
            {fmt.number(notice.interestRatePercent, { maximumFractionDigits: 2 })} %
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="dunning-notice-lump-sum">
        {money(notice.lumpSumCents)}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" fw={600} data-testid="dunning-notice-total">
          {fmt.money(notice.totalCents, 'EUR')}
        </Text>
        <Text size="xs" c="dimmed" data-testid="dunning-notice-deadline">
          {t('history.payBy', { date: fmt.date(notice.paymentDeadline) })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Tooltip label={t('history.downloadPdf')}>
          <ActionIcon
            variant="subtle"
            aria-label={t('history.downloadPdf')}
            onClick={() =>
              void downloadDocument(url, `${number}-${t('history.fileName')}-${notice.level}.pdf`).catch(
                (err) => notify.error(errorMessage(err, t), t('history.downloadFailed')),
              )
            }
            data-testid="dunning-notice-pdf"
            data-href={url}
          >
            <IconDownload size={16} />
          </ActionIcon>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The dunning history of an invoice: its current level, every notice the due sweep wrote (date,
 * level, open amount, fees, interest, lump sum, total, new deadline) with its letter as PDF, and the
 * dunning block ("Mahnsperre") that people who issue invoices set while e.g. a complaint is open.
 */
export function DunningHistory({ invoice, onConflict }: { invoice: Invoice; onConflict?: () => void }) {
  const { t } = useTranslation('dunning');
  const notify = useNotify();
  const can = useCan();
  const notices = useDunningNotices(invoice.id);
  const block = useSetDunningBlock();
  const [confirm, setConfirm] = useState<boolean | null>(null);
  const mayBlock = can('invoices.issue') && invoice.status === 'issued';

  const submit = async (blocked: boolean) => {
    try {
      await block.mutateAsync({ invoiceId: invoice.id, blocked, version: invoice.version });
      notify.success(blocked ? t('block.setDone') : t('block.liftedDone'));
    } catch (err) {
      if (isConflict(err) && onConflict) onConflict();
      else notify.error(errorMessage(err, t));
    } finally {
      setConfirm(null);
    }
  };

  const items = notices.data ?? [];
  return (
    <Card withBorder radius="md" padding="lg" data-testid="dunning-history" data-level={invoice.dunningLevel}>
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={4}>{t('history.title')}</Title>
        <Group gap={4} wrap="nowrap">
          <DunningLevelBadge level={invoice.dunningLevel} blocked={invoice.dunningBlocked} showNone />
        </Group>
      </Group>
      <Stack gap="sm">
        {mayBlock ? (
          <Switch
            label={t('block.label')}
            description={t('block.description')}
            checked={invoice.dunningBlocked}
            onChange={(e) => setConfirm(e.currentTarget.checked)}
            disabled={block.isPending}
            data-testid="dunning-block-toggle"
          />
        ) : invoice.dunningBlocked ? (
          <Alert color="gray" icon={<IconHandStop size={16} />} data-testid="dunning-blocked-note">
            {t('block.blockedHint')}
          </Alert>
        ) : null}
        {notices.isError ? (
          <Text size="sm" c="red">
            {errorMessage(notices.error, t)}
          </Text>
        ) : notices.isPending ? (
          <Text size="sm" c="dimmed">
            {t('history.loading')}
          </Text>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="dunning-no-notices">
            {invoice.lastDunnedOn ? t('history.noneVisible') : t('history.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" horizontalSpacing="xs" fz="sm" data-testid="dunning-notices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('history.level')}</Table.Th>
                  <Table.Th ta="right">{t('history.open')}</Table.Th>
                  <Table.Th ta="right">{t('history.fees')}</Table.Th>
                  <Table.Th ta="right">{t('history.interest')}</Table.Th>
                  <Table.Th ta="right">{t('history.lumpSum')}</Table.Th>
                  <Table.Th ta="right">{t('history.total')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((n) => (
                  <NoticeRow key={n.id} notice={n} number={invoice.number ?? invoice.id} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirm !== null}
        title={confirm ? t('block.confirmSetTitle') : t('block.confirmLiftTitle')}
        message={confirm ? t('block.confirmSet') : t('block.confirmLift')}
        confirmLabel={confirm ? t('block.set') : t('block.lift')}
        danger={confirm === true}
        loading={block.isPending}
        onConfirm={() => void submit(Boolean(confirm))}
        onCancel={() => setConfirm(null)}
      />
    </Card>
  );
}
