import { Badge, Paper, Stack, Stepper, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Import, ImportEntityType, ImportUpload } from '../../../../../contracts/imports';
import { useFormat } from '../../../lib/use-format';
import { useRecentImports } from '../api/imports-api';
import { FileStep } from './file-step';
import { MappingStep } from './mapping-step';
import { RunStep } from './run-step';

const STATUS_COLOR: Record<Import['status'], string> = {
  uploaded: 'gray',
  validating: 'blue',
  importing: 'blue',
  done: 'teal',
  failed: 'red',
};

/** The user's last imports; one opens in the wizard (its progress or result). */
function RecentImports({ onOpen }: { onOpen: (imp: Import) => void }) {
  const { t } = useTranslation('imports');
  const fmt = useFormat();
  const recent = useRecentImports();
  const items = (recent.data?.items ?? []).filter((i) => i.status !== 'uploaded');
  return (
    <Stack gap="xs">
      <Title order={4}>{t('recent.title')}</Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('recent.empty')}
        </Text>
      ) : (
        <Table fz="sm" highlightOnHover data-testid="import-recent">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('recent.file')}</Table.Th>
              <Table.Th>{t('recent.type')}</Table.Th>
              <Table.Th>{t('recent.status')}</Table.Th>
              <Table.Th>{t('recent.counts')}</Table.Th>
              <Table.Th>{t('recent.at')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((imp) => (
              <Table.Tr key={imp.id}>
                <Table.Td>
                  <UnstyledButton onClick={() => onOpen(imp)} c="blue">
                    {imp.filename}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>{t(`types.${imp.entityType}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLOR[imp.status]}>
                    {t(`status.${imp.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {[imp.counts.created, imp.counts.updated, imp.counts.skipped, imp.counts.rejected]
                    .map((n) => fmt.number(n))
                    .join(' / ')}
                </Table.Td>
                <Table.Td>{imp.startedAt ? fmt.dateTime(imp.startedAt) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/**
 * The import wizard: choose what the file holds and upload it, map its columns (suggested from the
 * headers) and choose what happens to duplicates, start — then a progress bar and the result.
 * `importId` (from the URL) reopens a running or finished import.
 */
export function ImportWizard({
  types,
  type,
  importId,
  onTypeChange,
  onImportChange,
}: {
  types: ImportEntityType[];
  type: ImportEntityType;
  importId: string | null;
  onTypeChange: (type: ImportEntityType) => void;
  onImportChange: (id: string | null, type?: ImportEntityType) => void;
}) {
  const { t } = useTranslation('imports');
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const step = importId ? 2 : upload ? 1 : 0;

  const reset = () => {
    setUpload(null);
    onImportChange(null);
  };

  return (
    <Stack gap="xl">
      <Paper withBorder radius="md" p="lg">
        <Stepper
          active={step}
          size="sm"
          allowNextStepsSelect={false}
          data-testid="import-wizard"
          data-step={step}
        >
          <Stepper.Step label={t('steps.file')} description={t('steps.fileHint')}>
            <FileStep
              types={types}
              type={type}
              onTypeChange={onTypeChange}
              onUploaded={(u) => setUpload(u)}
            />
          </Stepper.Step>
          <Stepper.Step label={t('steps.mapping')} description={t('steps.mappingHint')}>
            {upload ? (
              <MappingStep
                key={upload.id}
                upload={upload}
                onBack={() => setUpload(null)}
                onStarted={(id) => onImportChange(id, upload.entityType)}
              />
            ) : null}
          </Stepper.Step>
          <Stepper.Step label={t('steps.run')} description={t('steps.runHint')}>
            {importId ? <RunStep importId={importId} onAnother={reset} /> : null}
          </Stepper.Step>
        </Stepper>
      </Paper>
      <RecentImports
        onOpen={(imp) => {
          setUpload(null);
          onImportChange(imp.id, imp.entityType);
        }}
      />
    </Stack>
  );
}
