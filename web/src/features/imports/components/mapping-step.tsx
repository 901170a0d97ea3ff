import { Alert, Button, Group, Radio, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlayerPlay } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type DuplicateMode,
  IMPORT_FIELDS,
  type ImportMapping,
  type ImportUpload,
} from '../../../../../contracts/imports';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { usePipelinesForImport, useStartImport } from '../api/imports-api';
import { missingFields } from '../mapping';

const MODES: DuplicateMode[] = ['skip', 'update', 'create'];
const IGNORE = '';

/** Step 2: the detected columns with a preview, a field for each column, what to do with duplicates. */
export function MappingStep({
  upload,
  onBack,
  onStarted,
}: {
  upload: ImportUpload;
  onBack: () => void;
  onStarted: (id: string) => void;
}) {
  const { t } = useTranslation('imports');
  const fmt = useFormat();
  const [mapping, setMapping] = useState<ImportMapping>(upload.suggestedMapping);
  const [mode, setMode] = useState<DuplicateMode>('skip');
  const [stageId, setStageId] = useState<string | null>(null);
  const start = useStartImport();
  const isDeals = upload.entityType === 'deals';
  const pipelines = usePipelinesForImport(isDeals);

  const specs = IMPORT_FIELDS[upload.entityType] as ReadonlyArray<{
    name: string;
    required?: true | 'companyRef';
    list?: true;
  }>;
  const options = useMemo(
    () => [
      { value: IGNORE, label: t('mapping.ignore') },
      ...specs.map((s) => ({
        value: s.name,
        label: s.required ? `${t(`fields.${s.name}`)} (${t('mapping.required')})` : t(`fields.${s.name}`),
      })),
    ],
    [specs, t],
  );
  const stages = (pipelines.data?.items ?? []).map((p) => ({
    group: p.name,
    items: p.stages
      .filter((s) => s.kind === 'open')
      .map((s) => ({ value: s.id, label: `${p.name}: ${s.name}` })),
  }));
  const missing = missingFields(upload, mapping);
  const delimiter = upload.delimiter === 'tab' ? 'Tab' : upload.delimiter;

  const choose = (header: string, field: string | null) => {
    setMapping((prev) => {
      const next = { ...prev, [header]: field || null };
      // a field that takes one column moves to the new column
      const spec = specs.find((s) => s.name === field);
      if (field && !spec?.list) {
        for (const [h, f] of Object.entries(next)) if (h !== header && f === field) next[h] = null;
      }
      return next;
    });
  };

  const submit = () =>
    start.mutate(
      { id: upload.id, mapping, duplicateMode: mode, ...(isDeals && stageId ? { stageId } : {}) },
      { onSuccess: (imp) => onStarted(imp.id) },
    );

  return (
    <Stack gap="md">
      <Text size="sm" data-testid="import-summary">
        {upload.rowCount === null
          ? t('mapping.summaryUnknownRows', { name: upload.filename, encoding: upload.encoding, delimiter })
          : t('mapping.summary', {
              name: upload.filename,
              rows: fmt.number(upload.rowCount),
              encoding: upload.encoding,
              delimiter,
            })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('mapping.preview')}
      </Text>
      <ScrollArea type="auto" offsetScrollbars>
        <Table fz="xs" striped withTableBorder withColumnBorders data-testid="import-preview">
          <Table.Thead>
            <Table.Tr>
              {upload.headers.map((h) => (
                <Table.Th key={h} miw={170}>
                  <Stack gap={4}>
                    <Text size="xs" fw={700}>
                      {h}
                    </Text>
                    <Select
                      size="xs"
                      aria-label={`${t('mapping.field')}: ${h}`}
                      data={options}
                      value={mapping[h] ?? IGNORE}
                      onChange={(v) => choose(h, v)}
                      allowDeselect={false}
                      searchable
                      comboboxProps={{ withinPortal: true }}
                      data-testid={`import-map-${upload.headers.indexOf(h)}`}
                    />
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {upload.previewRows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of a file preview
              <Table.Tr key={r}>
                {row.map((cell, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of a file preview
                  <Table.Td key={c} c={mapping[upload.headers[c] ?? ''] ? undefined : 'dimmed'}>
                    {cell}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>

      {missing.length ? (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} data-testid="import-missing">
          {t('mapping.missing', {
            fields: missing.map((alts) => alts.map((f) => t(`fields.${f}`)).join(' / ')).join(', '),
          })}
        </Alert>
      ) : null}

      <Radio.Group
        label={t('mapping.duplicates')}
        description={t('mapping.duplicatesHint')}
        value={mode}
        onChange={(v) => setMode(v as DuplicateMode)}
      >
        <Group mt="xs">
          {MODES.map((m) => (
            <Radio key={m} value={m} label={t(`mapping.modes.${m}`)} data-testid={`import-mode-${m}`} />
          ))}
        </Group>
      </Radio.Group>

      {isDeals ? (
        <Select
          label={t('mapping.stage')}
          placeholder={t('mapping.stageDefault')}
          data={stages}
          value={stageId}
          onChange={setStageId}
          clearable
          maw={420}
          data-testid="import-stage"
        />
      ) : null}

      {start.error ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="import-start-error">
          {errorMessage(start.error, t)}
        </Alert>
      ) : null}

      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          {t('mapping.back')}
        </Button>
        <Button
          leftSection={<IconPlayerPlay size={16} />}
          onClick={submit}
          disabled={missing.length > 0}
          loading={start.isPending}
          data-testid="import-start"
        >
          {t('mapping.start')}
        </Button>
      </Group>
    </Stack>
  );
}
