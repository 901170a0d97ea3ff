import {
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFileUpload, IconInfoCircle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentImportReport } from '../../../../../contracts/companies';
import { useNotify } from '../../../components/notifications';
import { parseCsv } from '../../../lib/csv-parse';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { rejectedReport, useImportSegments } from '../api/segments-api';

/** Rows shown in the preview; the check covers the whole file. */
const PREVIEW_ROWS = 200;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const EXAMPLE =
  'Name;Branche;Region;Größenklasse;Unternehmen;Potenzial\n' +
  'Maschinenbau Süd KMU;Maschinenbau;Bayern;KMU;2.850;42.500.000,00\n';

/** A rejected row's reason in the user's language where we know it; else the server's words. */
function reasonText(error: { path: string; message: string }, t: TFunction): string {
  const field = t(`fields.${error.path}`, { defaultValue: error.path });
  const twice = /already in row (\d+)/.exec(error.message);
  if (twice) return t('import.reasons.duplicateRow', { row: twice[1] });
  if (error.path === 'name' && /enter a name/i.test(error.message)) return t('import.reasons.nameMissing');
  if (error.path === 'marketCompanies' || error.path === 'potentialRevenue') {
    return t('import.reasons.number', { field });
  }
  return `${field}: ${error.message}`;
}

function Figure({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Stack gap={0} align="center">
      <Text fw={700} size="xl" c={color}>
        {value}
      </Text>
      <Text size="xs" c="dimmed" ta="center">
        {label}
      </Text>
    </Stack>
  );
}

/**
 * Segments from CSV: paste or upload, check (dry run) with a per-row preview and the rejected rows
 * with reasons, then import — all rows or none.
 */
export function SegmentImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('segments');
  const fmt = useFormat();
  const notify = useNotify();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [report, setReport] = useState<SegmentImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const importer = useImportSegments();

  const rows = useMemo(() => parseCsv(csv), [csv]);
  const header = rows[0]?.cells ?? [];
  const data = rows.slice(1);
  const rejectedByLine = new Map((report?.rejected ?? []).map((r) => [r.row, r.errors]));

  const reset = () => {
    setCsv('');
    setFileName(null);
    setReport(null);
    setFailure(null);
    importer.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const changeText = (text: string) => {
    setCsv(text);
    setReport(null);
    setFailure(null);
  };

  const readFile = async (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFailure(t('import.tooLarge', { size: fmt.number(MAX_FILE_BYTES / 1024 / 1024) }));
      return;
    }
    setFileName(file.name);
    changeText(await file.text());
  };

  const run = (dryRun: boolean) => {
    setFailure(null);
    importer.mutate(
      { csv, dryRun },
      {
        onSuccess: (result) => {
          setReport(result);
          if (result.committed) {
            notify.success(
              t('import.done', {
                created: result.created,
                updated: result.updated,
                unchanged: result.unchanged,
              }),
            );
            close();
          }
        },
        onError: (err) => {
          const refused = rejectedReport(err);
          if (refused) {
            setReport(refused);
            setFailure(t('import.refused', { count: refused.rejected.length }));
          } else {
            setFailure(errorMessage(err, t));
          }
        },
      },
    );
  };

  const canImport = Boolean(report?.dryRun) && report?.rejected.length === 0;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('import.title')}
      size="xl"
      data-testid="segment-import-modal"
    >
      <Stack gap="md">
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          <Text size="sm">{t('import.intro')}</Text>
          <Text size="xs" c="dimmed" mt={4} style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}>
            {EXAMPLE}
          </Text>
        </Alert>
        <Group gap="sm">
          <FileButton onChange={(file) => void readFile(file)} accept=".csv,text/csv,text/plain">
            {(props) => (
              <Button
                {...props}
                variant="default"
                leftSection={<IconFileUpload size={16} />}
                data-testid="segment-import-file"
              >
                {t('import.chooseFile')}
              </Button>
            )}
          </FileButton>
          {fileName ? (
            <Text size="sm" c="dimmed">
              {fileName}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('import.orPaste')}
            </Text>
          )}
        </Group>
        <Textarea
          label={t('import.csv')}
          autosize
          minRows={4}
          maxRows={10}
          value={csv}
          onChange={(e) => changeText(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          data-testid="segment-import-text"
        />

        {failure ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="segment-import-error">
            {failure}
          </Alert>
        ) : null}

        {report ? (
          <Stack gap="sm" data-testid="segment-import-report" data-rejected={report.rejected.length}>
            <SimpleGrid cols={{ base: 2, sm: 5 }}>
              <Figure label={t('import.figures.rows')} value={report.rows} />
              <Figure label={t('import.figures.created')} value={report.created} color="teal" />
              <Figure label={t('import.figures.updated')} value={report.updated} color="blue" />
              <Figure label={t('import.figures.unchanged')} value={report.unchanged} color="dimmed" />
              <Figure
                label={t('import.figures.rejected')}
                value={report.rejected.length}
                color={report.rejected.length ? 'red' : undefined}
              />
            </SimpleGrid>
            {report.rejected.length > 0 ? (
              <Text size="sm" c="red">
                {t('import.allOrNothing')}
              </Text>
            ) : (
              <Text size="sm" c="teal">
                {t('import.ready')}
              </Text>
            )}
          </Stack>
        ) : null}

        {data.length > 0 ? (
          <ScrollArea.Autosize mah={320} type="auto">
            <Table fz="xs" striped withTableBorder stickyHeader data-testid="segment-import-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.line')}</Table.Th>
                  {report ? <Table.Th>{t('import.result')}</Table.Th> : null}
                  {header.map((h, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns of a file
                    <Table.Th key={i}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.slice(0, PREVIEW_ROWS).map((row) => {
                  const errors = rejectedByLine.get(row.line);
                  return (
                    <Table.Tr
                      key={row.line}
                      data-testid="segment-import-row"
                      data-line={row.line}
                      data-status={report ? (errors ? 'rejected' : 'ok') : 'unchecked'}
                    >
                      <Table.Td>{row.line}</Table.Td>
                      {report ? (
                        <Table.Td>
                          {errors ? (
                            <Stack gap={2}>
                              <Badge size="xs" color="red" variant="light">
                                {t('import.rejectedRow')}
                              </Badge>
                              {errors.map((e) => (
                                <Text key={`${e.path}-${e.message}`} size="xs" c="red">
                                  {reasonText(e, t)}
                                </Text>
                              ))}
                            </Stack>
                          ) : (
                            <Badge
                              size="xs"
                              color="teal"
                              variant="light"
                              leftSection={<IconCheck size={10} />}
                            >
                              {t('import.okRow')}
                            </Badge>
                          )}
                        </Table.Td>
                      ) : null}
                      {header.map((_, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: columns of a file
                        <Table.Td key={i}>{row.cells[i] ?? ''}</Table.Td>
                      ))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            {data.length > PREVIEW_ROWS ? (
              <Text size="xs" c="dimmed" mt={4}>
                {t('import.previewLimited', { shown: PREVIEW_ROWS, count: data.length })}
              </Text>
            ) : null}
          </ScrollArea.Autosize>
        ) : null}

        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            variant="light"
            onClick={() => run(true)}
            disabled={!csv.trim()}
            loading={importer.isPending && importer.variables?.dryRun === true}
            data-testid="segment-import-check"
          >
            {t('import.check')}
          </Button>
          <Button
            onClick={() => run(false)}
            disabled={!canImport}
            loading={importer.isPending && importer.variables?.dryRun === false}
            data-testid="segment-import-submit"
          >
            {canImport && report && report.created + report.updated > 0
              ? t('import.submitCount', { count: report.created + report.updated })
              : t('import.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
