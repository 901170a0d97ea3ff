import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  NumberInput,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconEyeOff, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type BankEntry,
  type BankEntrySuggestion,
  MatchBankEntry,
} from '../../../../../contracts/bank-statements';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { ApiError } from '../../../lib/api';
import { errorMessage, problemText } from '../../../lib/errors';
import { issuesToErrors } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { useIgnoreBankEntry, useMatchBankEntry, useReviewEntries } from '../api/bank-statements-api';
import { toCents } from './invoice-values';
import { OpenInvoicePicker } from './open-invoice-picker';

interface Row {
  key: number;
  invoiceId: string | null;
  label: string | null;
  amount: number | string;
}

/** The server's proposals for an entry: invoice, open amount, confidence and why; one click applies one. */
function Suggestions({
  entry,
  busy,
  onApply,
}: {
  entry: BankEntry;
  busy: boolean;
  onApply: (s: BankEntrySuggestion) => void;
}) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  if (entry.suggestions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('bank.review.noSuggestions')}
      </Text>
    );
  }
  return (
    <Table verticalSpacing={4} fz="sm">
      <Table.Tbody>
        {entry.suggestions.map((s) => (
          <Table.Tr key={s.invoiceId} data-testid="bank-suggestion" data-invoice-id={s.invoiceId}>
            <Table.Td>
              <Anchor component={Link} to={`/invoices/${s.invoiceId}`} size="sm" fw={500}>
                {s.invoiceNumber ?? s.invoiceId}
              </Anchor>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {t('bank.review.open', { amount: fmt.money(s.openCents, 'EUR') })}
            </Table.Td>
            <Table.Td>
              <Badge
                size="sm"
                variant="light"
                color={s.confidence >= 80 ? 'teal' : s.confidence >= 50 ? 'yellow' : 'gray'}
              >
                {t('bank.review.confidence', { percent: s.confidence })}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {s.reason}
              </Text>
            </Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconCheck size={14} />}
                loading={busy}
                onClick={() => onApply(s)}
                data-testid="bank-suggestion-apply"
              >
                {t('bank.review.apply')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One entry waiting for a person: its facts, the suggestions, a manual match form and "ignore". */
function ReviewEntry({ entry }: { entry: BankEntry }) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const notify = useNotify();
  const match = useMatchBankEntry();
  const ignore = useIgnoreBankEntry();
  const [nextKey, setNextKey] = useState(1);
  const [rows, setRows] = useState<Row[]>([
    { key: 0, invoiceId: null, label: null, amount: entry.amountCents / 100 },
  ]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const busy = match.isPending || ignore.isPending;

  const update = (key: number, change: Partial<Row>) => {
    setRows((prev) => prev.map((r) => (r.key === key ? { ...r, ...change } : r)));
    setErrors({});
    setFormError(null);
  };

  const send = async (allocations: { invoiceId: string; amountCents: number }[]) => {
    setFormError(null);
    const body = { allocations };
    const parsed = MatchBankEntry.safeParse(body);
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues, t, body));
      return;
    }
    try {
      await match.mutateAsync({ entryId: entry.id, ...parsed.data });
      notify.success(t('bank.review.matched', { amount: fmt.money(entry.amountCents, 'EUR') }));
    } catch (err) {
      if (err instanceof ApiError) {
        // a code we can translate replaces the server's English field message
        const known = problemText(err, t);
        const fields = err.fieldErrors;
        setErrors(known ? Object.fromEntries(Object.keys(fields).map((k) => [k, known])) : fields);
      }
      setFormError(errorMessage(err, t));
    }
  };

  const submit = () =>
    void send(
      rows.map((r) => ({ invoiceId: r.invoiceId ?? '', amountCents: toCents(r.amount) ?? Number.NaN })),
    );

  const applySuggestion = (s: BankEntrySuggestion) =>
    void send([{ invoiceId: s.invoiceId, amountCents: Math.min(entry.amountCents, s.openCents) }]);

  const onIgnore = async () => {
    setFormError(null);
    try {
      await ignore.mutateAsync(entry.id);
      notify.success(t('bank.review.ignored'));
    } catch (err) {
      setFormError(errorMessage(err, t));
    }
  };

  const allocated = rows.reduce((sum, r) => sum + (toCents(r.amount) ?? 0), 0);

  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      data-testid="bank-review-entry"
      data-entry-id={entry.id}
      data-remittance={entry.remittance ?? ''}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={600} size="lg" data-testid="bank-review-amount">
                {fmt.money(entry.amountCents, 'EUR')}
              </Text>
              <Text size="sm" c="dimmed">
                {entry.bookingDate ? fmt.date(entry.bookingDate) : '—'}
              </Text>
            </Group>
            <Text size="sm">
              {entry.counterpartyName ?? t('bank.review.unknownPayer')}
              {entry.counterpartyIban ? (
                <Text span size="xs" c="dimmed" ml={6}>
                  {entry.counterpartyIban}
                </Text>
              ) : null}
            </Text>
            <Text size="sm" c="dimmed" data-testid="bank-review-remittance">
              {entry.remittance ?? '—'}
            </Text>
            {entry.note ? (
              <Text size="xs" c="orange">
                {entry.note}
              </Text>
            ) : null}
          </Stack>
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconEyeOff size={16} />}
            onClick={() => void onIgnore()}
            loading={ignore.isPending}
            disabled={match.isPending}
            data-testid="bank-entry-ignore"
          >
            {t('bank.review.ignore')}
          </Button>
        </Group>

        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('bank.review.suggestions')}
          </Text>
          <Suggestions entry={entry} busy={busy} onApply={applySuggestion} />
        </Stack>

        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('bank.review.manual')}
          </Text>
          {rows.map((row, index) => (
            <Group key={row.key} align="flex-start" gap="xs" wrap="nowrap">
              <OpenInvoicePicker
                value={row.invoiceId}
                selectedLabel={row.label}
                onChange={(invoiceId) => update(row.key, { invoiceId })}
                onPick={(_invoice, label) => update(row.key, { label })}
                placeholder={t('bank.review.searchInvoice')}
                aria-label={t('bank.review.invoice')}
                error={errors[`allocations.${index}.invoiceId`]}
                style={{ flex: 1 }}
                data-testid="bank-match-invoice"
              />
              <NumberInput
                value={row.amount}
                onChange={(amount) => update(row.key, { amount })}
                aria-label={t('bank.review.amount')}
                min={0}
                decimalScale={2}
                fixedDecimalScale
                decimalSeparator={fmt.locale === 'de' ? ',' : '.'}
                thousandSeparator={fmt.locale === 'de' ? '.' : ','}
                rightSection={<Text size="xs">€</Text>}
                error={errors[`allocations.${index}.amountCents`]}
                w={150}
                data-testid="bank-match-amount"
              />
              {rows.length > 1 ? (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={4}
                  aria-label={t('bank.review.removeRow')}
                  onClick={() => setRows((prev) => prev.filter((r) => r.key !== row.key))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              ) : null}
            </Group>
          ))}
          <Group justify="space-between">
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconPlus size={14} />}
              onClick={() => {
                const rest = Math.max(0, entry.amountCents - allocated);
                setRows((prev) => [
                  ...prev,
                  { key: nextKey, invoiceId: null, label: null, amount: rest / 100 },
                ]);
                setNextKey((k) => k + 1);
              }}
              data-testid="bank-match-add-row"
            >
              {t('bank.review.addRow')}
            </Button>
            <Group gap="sm">
              {allocated !== entry.amountCents ? (
                <Text size="xs" c="dimmed">
                  {t('bank.review.allocated', {
                    amount: fmt.money(allocated, 'EUR'),
                    total: fmt.money(entry.amountCents, 'EUR'),
                  })}
                </Text>
              ) : null}
              <Button
                onClick={submit}
                loading={match.isPending}
                disabled={ignore.isPending}
                data-testid="bank-match-submit"
              >
                {t('bank.review.submit')}
              </Button>
            </Group>
          </Group>
        </Stack>
        {formError ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="bank-match-error">
            {formError}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The review queue: every credit entry the matching could not settle on its own. */
export function BankReviewQueue() {
  const { t } = useTranslation('billing');
  const query = useReviewEntries();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (items.length === 0) {
    return (
      <Card withBorder radius="md" padding="lg" data-testid="bank-review-empty">
        <EmptyState title={t('bank.review.empty')}>{t('bank.review.emptyHint')}</EmptyState>
      </Card>
    );
  }
  return (
    <Stack gap="md" data-testid="bank-review-queue">
      {items.map((entry) => (
        <ReviewEntry key={entry.id} entry={entry} />
      ))}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loaded={items.length}
      />
    </Stack>
  );
}
