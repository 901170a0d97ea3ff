import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconColumns } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CsvMappingDraft,
  CsvPreview,
  CsvPreviewRow,
  ImportResult,
} from '../../../../../contracts/bank-statements';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { useCsvPreview, useImportBankStatement } from '../api/bank-statements-api';

type ColumnField =
  | 'bookingDate'
  | 'valueDate'
  | 'amount'
  | 'creditDebit'
  | 'debit'
  | 'credit'
  | 'counterpartyName'
  | 'counterpartyIban'
  | 'remittance'
  | 'currency'
  | 'reference';

const BLANK: CsvMappingDraft = {
  bookingDate: 0,
  valueDate: null,
  amount: null,
  debit: null,
  credit: null,
  creditDebit: null,
  counterpartyName: null,
  counterpartyIban: null,
  remittance: null,
  currency: null,
  reference: null,
  dateFormat: 'DD.MM.YYYY',
  decimal: ',',
  accountIban: '',
};

const DATE_FORMATS = ['DD.MM.YYYY', 'DD.MM.YY', 'YYYY-MM-DD', 'MM/DD/YYYY'] as const;

/**
 * The mapping step of a CSV export: the server's proposal (or the mapping remembered for this
 * bank's layout) as one select per field, the account's IBAN, a preview of the first rows read
 * with it and every row that cannot be read; "import" sends the file with the mapping and, when
 * ticked, the server remembers it: the next export of this bank's layout gets it proposed, and
 * imports without asking when the file names the account.
 */
export function BankCsvMapping({
  file,
  fileKey,
  onImported,
  onCancel,
}: {
  file: File;
  fileKey: string;
  onImported: (result: ImportResult) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const [mapping, setMapping] = useState<CsvMappingDraft | null>(null);
  const [split, setSplit] = useState(false);
  const [remember, setRemember] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  /** Where the mapping the user started from came from (proposal or remembered). */
  const [origin, setOrigin] = useState<CsvPreview['mappingSource']>('none');
  // the account does not change how rows read: leave it out of the preview's key
  const previewMapping = useMemo(() => (mapping ? { ...mapping, accountIban: '' } : null), [mapping]);
  const preview = useCsvPreview(file, fileKey, previewMapping);
  const upload = useImportBankStatement();
  const data = preview.data;

  // the first answer brings the proposed (or remembered) mapping
  useEffect(() => {
    if (mapping || !data) return;
    const start = data.mapping ?? BLANK;
    setMapping(start);
    setOrigin(data.mappingSource);
    setSplit(start.amount === null && (start.debit !== null || start.credit !== null));
  }, [data, mapping]);

  const columns = useMemo(
    () => (data?.columns ?? []).map((name, i) => ({ value: String(i), label: name || `#${i + 1}` })),
    [data?.columns],
  );

  if (!mapping || !data) {
    return (
      <Paper withBorder radius="md" p="lg" data-testid="bank-csv-mapping">
        {preview.isError ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="bank-csv-error">
            {errorMessage(preview.error, t)}
          </Alert>
        ) : (
          <Group gap="sm">
            <Loader size="sm" />
            <Text size="sm">{t('bank.csv.reading')}</Text>
          </Group>
        )}
      </Paper>
    );
  }

  const set = (patch: Partial<CsvMappingDraft>) => setMapping({ ...mapping, ...patch });
  const columnSelect = (field: ColumnField, required = false) => (
    <Select
      label={t(`bank.csv.fields.${field}`)}
      data={columns}
      value={mapping[field] === null ? null : String(mapping[field])}
      onChange={(v) =>
        set({
          [field]: v === null ? (required ? mapping[field] : null) : Number(v),
        } as Partial<CsvMappingDraft>)
      }
      clearable={!required}
      required={required}
      placeholder={t('bank.csv.notInFile')}
      comboboxProps={{ withinPortal: true }}
      data-testid={`bank-csv-field-${field}`}
    />
  );
  const changeMode = (value: string) => {
    const toSplit = value === 'split';
    setSplit(toSplit);
    set(toSplit ? { amount: null, creditDebit: null } : { debit: null, credit: null });
  };

  const hasAmount = mapping.amount !== null || mapping.debit !== null || mapping.credit !== null;
  const iban = mapping.accountIban.replace(/\s+/g, '');
  const ibanOk = /^[A-Za-z]{2}\d{2}[A-Za-z0-9]{10,30}$/.test(iban);
  const errorsCount = data.rowErrors.length;
  const canImport = hasAmount && ibanOk && errorsCount === 0 && !preview.isFetching && !upload.isPending;

  const submit = () => {
    setProblem(null);
    upload.mutate(
      { file, mapping: { ...mapping, accountIban: iban.toUpperCase() }, remember },
      { onSuccess: onImported, onError: (err) => setProblem(errorMessage(err, t)) },
    );
  };
  const rowProblem = (e: CsvPreviewRow['errors'][number], line: number) => {
    const problem = t(`bank.csv.problems.${e.code.replace('csv.', '')}`, {
      value: e.value,
      expected: data.columns.length,
      defaultValue: e.message,
    });
    // a problem of the whole row (its number of cells) names no column
    return e.column
      ? t('bank.csv.rowError', { line, column: e.column, problem })
      : t('bank.csv.rowErrorLine', { line, problem });
  };

  return (
    <Paper withBorder radius="md" p="lg" data-testid="bank-csv-mapping" data-source={origin}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Group gap="xs">
            <IconColumns size={20} />
            <Title order={4}>{t('bank.csv.title', { name: file.name })}</Title>
          </Group>
          <Badge variant="light" color={origin === 'remembered' ? 'teal' : 'blue'}>
            {t(`bank.csv.source.${origin}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('bank.csv.detected', {
            encoding: data.encoding === 'latin1' ? 'ISO 8859-1' : 'UTF-8',
            delimiter: data.delimiter === '\t' ? 'Tab' : data.delimiter,
            line: data.headerLine,
            rows: data.totalRows,
          })}
        </Text>
        {data.preamble.length > 0 ? (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {data.preamble.join('\n')}
          </Text>
        ) : null}

        <TextInput
          label={t('bank.csv.account')}
          description={t('bank.csv.accountHint')}
          value={mapping.accountIban}
          onChange={(e) => set({ accountIban: e.currentTarget.value })}
          error={mapping.accountIban && !ibanOk ? t('bank.csv.accountInvalid') : undefined}
          required
          maw={420}
          data-testid="bank-csv-iban"
        />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {columnSelect('bookingDate', true)}
          {columnSelect('valueDate')}
          <Select
            label={t('bank.csv.dateFormat')}
            data={DATE_FORMATS.map((f) => ({
              value: f,
              label: t(`bank.csv.dateFormats.${f.replace(/[./]/g, '')}`),
            }))}
            value={mapping.dateFormat}
            onChange={(v) => v && set({ dateFormat: v as CsvMappingDraft['dateFormat'] })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="bank-csv-date-format"
          />
        </SimpleGrid>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('bank.csv.amountMode')}
          </Text>
          <SegmentedControl
            value={split ? 'split' : 'single'}
            onChange={changeMode}
            data={[
              { value: 'single', label: t('bank.csv.single') },
              { value: 'split', label: t('bank.csv.split') },
            ]}
            w="fit-content"
            data-testid="bank-csv-amount-mode"
          />
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {split ? columnSelect('debit') : columnSelect('amount')}
          {split ? columnSelect('credit') : columnSelect('creditDebit')}
          <Select
            label={t('bank.csv.decimal')}
            data={[
              { value: ',', label: t('bank.csv.decimalComma') },
              { value: '.', label: t('bank.csv.decimalPoint') },
            ]}
            value={mapping.decimal}
            onChange={(v) => v && set({ decimal: v as ',' | '.' })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="bank-csv-decimal"
          />
          {columnSelect('counterpartyName')}
          {columnSelect('counterpartyIban')}
          {columnSelect('remittance')}
          {columnSelect('reference')}
          {columnSelect('currency')}
        </SimpleGrid>
        {!hasAmount ? (
          <Text size="sm" c="red">
            {t('bank.csv.needAmount')}
          </Text>
        ) : null}

        <Stack gap={4}>
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {t('bank.csv.preview', { count: data.rows.length, total: data.totalRows })}
            </Text>
            {preview.isFetching ? <Loader size="xs" /> : null}
          </Group>
          <Table.ScrollContainer minWidth={720}>
            <Table striped withTableBorder fz="sm" data-testid="bank-csv-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('bank.csv.line')}</Table.Th>
                  <Table.Th>{t('bank.fields.bookingDate')}</Table.Th>
                  <Table.Th>{t('bank.fields.counterparty')}</Table.Th>
                  <Table.Th>{t('bank.fields.remittance')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('bank.fields.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((r) => (
                  <Table.Tr
                    key={r.line}
                    data-testid="bank-csv-preview-row"
                    data-line={r.line}
                    data-amount={r.amountCents ?? ''}
                    data-direction={r.creditDebit ?? ''}
                    style={r.errors.length ? { background: 'var(--mantine-color-red-light)' } : undefined}
                  >
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {r.bookingDate ? fmt.date(r.bookingDate) : '—'}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.counterpartyName ?? '—'}</Text>
                      {r.counterpartyIban ? (
                        <Text size="xs" c="dimmed">
                          {r.counterpartyIban}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {r.remittance ?? '—'}
                      {r.errors.map((e) => (
                        <Text key={`${e.column}-${e.code}`} size="xs" c="red">
                          {rowProblem(e, r.line)}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td
                      style={{ textAlign: 'right', whiteSpace: 'nowrap' }}
                      c={r.creditDebit === 'debit' ? 'red' : undefined}
                    >
                      {r.amountCents === null
                        ? '—'
                        : fmt.money(r.creditDebit === 'debit' ? -r.amountCents : r.amountCents, 'EUR')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
        {errorsCount > 0 ? (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="bank-csv-row-errors">
            <Text size="sm" fw={500}>
              {t('bank.csv.rowsInvalid', { count: errorsCount })}
            </Text>
            {data.rowErrors.slice(0, 5).flatMap((r) =>
              r.errors.map((e) => (
                <Text key={`${r.line}-${e.column}-${e.code}`} size="sm">
                  {rowProblem(e, r.line)}
                </Text>
              )),
            )}
          </Alert>
        ) : null}
        {problem ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="bank-csv-error">
            {problem}
          </Alert>
        ) : null}
        <Group justify="space-between">
          <Checkbox
            label={t('bank.csv.remember')}
            checked={remember}
            onChange={(e) => setRemember(e.currentTarget.checked)}
            data-testid="bank-csv-remember"
          />
          <Group gap="sm">
            <Button variant="default" onClick={onCancel} data-testid="bank-csv-cancel">
              {t('bank.csv.cancel')}
            </Button>
            <Button
              onClick={submit}
              disabled={!canImport}
              loading={upload.isPending}
              data-testid="bank-csv-import"
            >
              {t('bank.csv.import', { count: data.totalRows })}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
