import { Alert, Anchor, Button, FileButton, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCheck,
  IconFileUpload,
  IconInfoCircle,
  IconUpload,
} from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportResult } from '../../../../../contracts/bank-statements';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useImportBankStatement } from '../api/bank-statements-api';
import { BankCsvMapping } from './bank-csv-mapping';

const ACCEPT = '.xml,.sta,.mt940,.940,.txt,.csv,application/xml,text/xml,text/csv,text/plain';

/** Answers that open the CSV mapping step instead of showing an error. */
const NEEDS_MAPPING = new Set(['bank_statements.csv_mapping_required', 'bank_statements.csv_rows_invalid']);

/**
 * Upload of a bank statement — CAMT.053, MT940 or CSV — (dropped or chosen); says what came of it:
 * a new statement with how many entries were matched and how many wait for review, or "already
 * imported". A CSV export whose layout the server does not know yet opens the mapping step.
 */
export function BankStatementUpload({ reviewLink }: { reviewLink: string }) {
  const { t } = useTranslation('billing');
  const upload = useImportBankStatement();
  const [dragging, setDragging] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [csv, setCsv] = useState<{ file: File; key: string } | null>(null);

  const send = (file: File | null) => {
    if (!file) return;
    setProblem(null);
    setResult(null);
    setCsv(null);
    upload.mutate(
      { file },
      {
        onSuccess: setResult,
        onError: (err) => {
          if (err instanceof ApiError && err.problem.code && NEEDS_MAPPING.has(err.problem.code)) {
            setCsv({ file, key: `${file.name}:${file.size}:${file.lastModified}:${Date.now()}` });
          } else {
            setProblem(errorMessage(err, t));
          }
        },
      },
    );
  };
  // a statement imported before: what came of it then
  const matched = result ? (result.created ? result.matched : result.statement.matchedCount) : 0;
  const review = result ? (result.created ? result.review : result.statement.reviewCount) : 0;
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    send(e.dataTransfer.files[0] ?? null);
  };

  return (
    <Stack gap="sm">
      <Paper
        withBorder
        radius="md"
        p="lg"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="bank-statement-drop"
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: dragging ? 'var(--mantine-color-blue-5)' : undefined,
          background: dragging ? 'var(--mantine-color-blue-light)' : undefined,
        }}
      >
        <Stack align="center" gap="xs">
          {upload.isPending ? <Loader size="md" /> : <IconUpload size={32} stroke={1.5} />}
          <Text fw={500}>{upload.isPending ? t('bank.upload.uploading') : t('bank.upload.drop')}</Text>
          <Text size="sm" c="dimmed" ta="center" maw={520}>
            {t('bank.upload.hint')}
          </Text>
          <FileButton
            onChange={send}
            accept={ACCEPT}
            inputProps={{ 'data-testid': 'bank-statement-file-input' } as object}
          >
            {(props) => (
              <Button
                {...props}
                variant="default"
                leftSection={<IconFileUpload size={16} />}
                disabled={upload.isPending}
                data-testid="bank-statement-choose-file"
              >
                {t('bank.upload.choose')}
              </Button>
            )}
          </FileButton>
        </Stack>
      </Paper>
      {csv ? (
        <BankCsvMapping
          key={csv.key}
          file={csv.file}
          fileKey={csv.key}
          onImported={(r) => {
            setCsv(null);
            setResult(r);
          }}
          onCancel={() => setCsv(null)}
        />
      ) : null}
      {problem ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="bank-statement-error">
          {problem}
        </Alert>
      ) : null}
      {result ? (
        <Alert
          color={result.created ? 'teal' : 'gray'}
          icon={result.created ? <IconCheck size={18} /> : <IconInfoCircle size={18} />}
          data-testid="bank-statement-result"
          data-created={String(result.created)}
          data-matched={result.matched}
          data-review={result.review}
          data-statement-id={result.statement.id}
        >
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {result.created
                ? (result.statements?.length ?? 1) > 1
                  ? t('bank.upload.createdMany', { count: result.statements!.length })
                  : t('bank.upload.created', { id: result.statement.statementId })
                : t('bank.upload.already', { id: result.statement.statementId })}
            </Text>
            <Group gap="md">
              <Text size="sm">{t('bank.upload.matched', { count: matched })}</Text>
              <Text size="sm">{t('bank.upload.review', { count: review })}</Text>
              {result.skipped ? (
                <Text size="sm" c="dimmed" data-testid="bank-statement-skipped">
                  {t('bank.upload.skipped', { count: result.skipped })}
                </Text>
              ) : null}
              {review > 0 ? (
                <Anchor component={Link} to={reviewLink} size="sm" data-testid="bank-statement-to-review">
                  {t('bank.upload.toReview')}
                </Anchor>
              ) : null}
            </Group>
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  );
}
