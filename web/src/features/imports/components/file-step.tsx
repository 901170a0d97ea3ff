import {
  Alert,
  Button,
  FileButton,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportEntityType, ImportUpload } from '../../../../../contracts/imports';
import { errorMessage } from '../../../lib/errors';
import { useUploadImport } from '../api/imports-api';

const ACCEPT = '.csv,.txt,text/csv,text/plain';
const isCsvName = (name: string) => /\.(csv|txt|tsv)$/i.test(name);

/** Step 1: what the file holds, and the file (dropped or chosen); uploading it reads its columns. */
export function FileStep({
  types,
  type,
  onTypeChange,
  onUploaded,
}: {
  types: ImportEntityType[];
  type: ImportEntityType;
  onTypeChange: (type: ImportEntityType) => void;
  onUploaded: (upload: ImportUpload) => void;
}) {
  const { t } = useTranslation('imports');
  const upload = useUploadImport();
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const send = (file: File | null) => {
    if (!file) return;
    if (!isCsvName(file.name) && file.type !== 'text/csv') {
      setProblem(t('file.notCsv'));
      return;
    }
    setProblem(null);
    upload.mutate(
      { file, entityType: type },
      { onSuccess: onUploaded, onError: (err) => setProblem(errorMessage(err, t)) },
    );
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    send(e.dataTransfer.files[0] ?? null);
  };

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Text fw={500} size="sm">
          {t('file.type')}
        </Text>
        <SegmentedControl
          value={type}
          onChange={(v) => onTypeChange(v as ImportEntityType)}
          data={types.map((value) => ({ value, label: t(`types.${value}`) }))}
          data-testid="import-type"
          w="fit-content"
        />
        <Text size="xs" c="dimmed">
          {t(`file.needs.${type}`)}
        </Text>
      </Stack>
      <Paper
        withBorder
        radius="md"
        p="xl"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="import-drop"
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: dragging ? 'var(--mantine-color-blue-5)' : undefined,
          background: dragging ? 'var(--mantine-color-blue-light)' : undefined,
        }}
      >
        <Stack align="center" gap="xs">
          {upload.isPending ? <Loader size="md" /> : <IconUpload size={36} stroke={1.5} />}
          <Text fw={500}>
            {upload.isPending ? t('file.uploading', { name: upload.variables?.file.name }) : t('file.drop')}
          </Text>
          <Text size="sm" c="dimmed" ta="center" maw={520}>
            {t('file.dropHint')}
          </Text>
          <Group>
            <FileButton
              onChange={send}
              accept={ACCEPT}
              inputProps={{ 'data-testid': 'import-file-input' } as object}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  leftSection={<IconFileUpload size={16} />}
                  disabled={upload.isPending}
                  data-testid="import-choose-file"
                >
                  {t('file.choose')}
                </Button>
              )}
            </FileButton>
          </Group>
        </Stack>
      </Paper>
      {problem ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="import-upload-error">
          {problem}
        </Alert>
      ) : null}
    </Stack>
  );
}
