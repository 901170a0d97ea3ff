import {
  ActionIcon,
  Badge,
  Card,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalLimit } from '../../../../../contracts/purchasing';
import { EmptyState } from '../../../components/empty-state';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useApprovalLimits, useDeleteApprovalLimit, usePutApprovalLimit } from '../api/settings-api';
import { type LimitInput, limitCentsOf, toEuros } from './po-values';
import { purchasingErrorMessage } from './purchasing-errors';

/** A user without a limit starts empty; a set limit as euros or "unlimited". */
const inputOf = (l: ApprovalLimit): LimitInput => ({
  euros: l.limitCents === null ? '' : toEuros(l.limitCents),
  unlimited: l.canApprove && l.limitCents === null,
});

function LimitEditor({
  value,
  onChange,
  testId,
  error,
}: {
  value: LimitInput;
  onChange: (v: LimitInput) => void;
  testId: string;
  error?: string | null;
}) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  return (
    <Group gap="sm" wrap="nowrap">
      <NumberInput
        aria-label={t('limits.limit')}
        value={value.unlimited ? '' : value.euros}
        onChange={(euros) => onChange({ ...value, euros })}
        disabled={value.unlimited}
        placeholder={value.unlimited ? t('limits.unlimited') : '0'}
        min={0}
        allowNegative={false}
        decimalScale={2}
        decimalSeparator={fmt.locale === 'de' ? ',' : '.'}
        thousandSeparator={fmt.locale === 'de' ? '.' : ','}
        rightSection={<Text size="xs">€</Text>}
        error={error}
        w={180}
        data-testid={`${testId}-amount`}
      />
      <Checkbox
        label={t('limits.unlimited')}
        checked={value.unlimited}
        onChange={(e) => onChange({ ...value, unlimited: e.currentTarget.checked })}
        data-testid={`${testId}-unlimited`}
      />
    </Group>
  );
}

function LimitRow({ limit }: { limit: ApprovalLimit }) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  const notify = useNotify();
  const put = usePutApprovalLimit();
  const remove = useDeleteApprovalLimit();
  const [value, setValue] = useState<LimitInput>(inputOf(limit));
  const [error, setError] = useState<string | null>(null);
  const cents = limitCentsOf(value);
  const dirty = limit.canApprove ? cents !== limit.limitCents : cents !== undefined;

  const save = async () => {
    if (cents === undefined) {
      setError(t('limits.invalid'));
      return;
    }
    setError(null);
    try {
      await put.mutateAsync({ userId: limit.userId, limitCents: cents });
      notify.success(t('limits.saved', { name: limit.userName }));
    } catch (err) {
      setError(purchasingErrorMessage(err, t));
    }
  };
  const doRemove = async () => {
    try {
      await remove.mutateAsync(limit.userId);
      notify.success(t('limits.removed', { name: limit.userName }));
    } catch (err) {
      setError(purchasingErrorMessage(err, t));
    }
  };

  return (
    <Table.Tr data-testid="approval-limit-row" data-user-id={limit.userId}>
      <Table.Td>{limit.userName}</Table.Td>
      <Table.Td>{t(`common:roles.${limit.role}`, limit.role)}</Table.Td>
      <Table.Td>
        {limit.canApprove ? (
          <Badge size="sm" variant="light" color="teal" data-testid="approval-limit-may">
            {limit.limitCents === null
              ? t('limits.mayUnlimited')
              : t('limits.may', { amount: fmt.money(limit.limitCents, 'EUR') })}
          </Badge>
        ) : (
          <Badge size="sm" variant="light" color="gray" data-testid="approval-limit-may-not">
            {t('limits.mayNot')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <LimitEditor
          value={value}
          onChange={setValue}
          error={error}
          testId={`approval-limit-${limit.userId}`}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            aria-label={t('limits.save')}
            disabled={!dirty}
            loading={put.isPending}
            onClick={() => void save()}
            data-testid={`approval-limit-${limit.userId}-save`}
          >
            <IconDeviceFloppy size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            disabled={!limit.canApprove}
            aria-label={t('limits.remove')}
            loading={remove.isPending}
            onClick={() => void doRemove()}
            data-testid={`approval-limit-${limit.userId}-remove`}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Who may approve purchase orders up to which amount (net): every user whose role may approve, with
 * a limit in euros or unlimited; removing a user's limit takes away the approval.
 */
export function ApprovalLimits() {
  const { t } = useTranslation('purchasing');
  const query = useApprovalLimits();
  const limits = query.data ?? [];

  return (
    <Card withBorder radius="md" padding="lg" data-testid="approval-limits">
      <Title order={4} mb={4}>
        {t('limits.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('limits.hint')}
      </Text>
      {query.isPending ? (
        <Loader size="sm" />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : limits.length === 0 ? (
        <EmptyState title={t('limits.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('limits.user')}</Table.Th>
                <Table.Th>{t('limits.role')}</Table.Th>
                <Table.Th>{t('limits.approves')}</Table.Th>
                <Table.Th>{t('limits.limit')}</Table.Th>
                <Table.Th w={80} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {limits.map((l) => (
                <LimitRow key={`${l.userId}:${l.canApprove}:${l.limitCents}`} limit={l} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
