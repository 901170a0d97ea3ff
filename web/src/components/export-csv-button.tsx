import { Button, Loader } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListResponse } from '../../../contracts/common';
import { type CsvColumn, csvFileName, downloadText, fetchAllPages, toCsv } from '../lib/csv-export';
import { errorMessage } from '../lib/errors';
import { useFormat } from '../lib/use-format';
import { useNotify } from './notifications';

/** Most rows one export reads; larger lists are cut off there (and the user is told). */
export const EXPORT_MAX_ROWS = 10_000;

/**
 * Exports the current list view (its filters, sort and visible columns) as CSV: reads all pages
 * of the list in the browser, up to EXPORT_MAX_ROWS rows.
 */
export function ExportCsvButton<T>({
  baseName,
  columns,
  fetchPage,
  testId = 'export-csv',
}: {
  /** File name without date and extension (`companies`). */
  baseName: string;
  columns: readonly CsvColumn<T>[];
  fetchPage: (cursor: string | null, limit: number) => Promise<ListResponse<T>>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const fmt = useFormat();
  const [loaded, setLoaded] = useState<number | null>(null);

  const run = async () => {
    setLoaded(0);
    try {
      const { items, truncated } = await fetchAllPages(fetchPage, {
        max: EXPORT_MAX_ROWS,
        onProgress: setLoaded,
      });
      downloadText(csvFileName(baseName), toCsv(items, columns));
      if (truncated)
        notify.info(t('export.truncated', { count: EXPORT_MAX_ROWS, max: fmt.number(EXPORT_MAX_ROWS) }));
      else notify.success(t('export.done', { count: items.length }));
    } catch (err) {
      notify.error(errorMessage(err, t), t('export.failed'));
    } finally {
      setLoaded(null);
    }
  };

  return (
    <Button
      variant="default"
      leftSection={loaded !== null ? <Loader size={14} /> : <IconDownload size={16} />}
      onClick={() => void run()}
      disabled={loaded !== null}
      data-exporting={loaded !== null ? 'true' : 'false'}
      data-testid={testId}
    >
      {loaded !== null && loaded > 0 ? t('export.progress', { count: loaded }) : t('export.button')}
    </Button>
  );
}
