import { Alert, Badge, Button, Card, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleDefinitionInput } from '../../../../../contracts/automation';
import type { DryRunResult } from '../../../../../contracts/automation-runs';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { useDryRun } from '../api/automation-api';
import { ConditionResults } from './condition-results';
import { recordLabel } from './labels';

/**
 * **Testlauf**: what the rule would do now against current data, without doing it. A saved rule
 * without changes runs as saved; otherwise the definition in the editor is tried.
 */
export function DryRunPanel({
  ruleId,
  unsaved,
  definition,
  onFieldErrors,
}: {
  ruleId: string | null;
  /** The editor's definition when it differs from the saved rule (or nothing is saved yet). */
  unsaved: boolean;
  definition: () => RuleDefinitionInput | null;
  onFieldErrors: (err: unknown) => boolean;
}) {
  const { t } = useTranslation('automation');
  const fmt = useFormat();
  const dryRun = useDryRun();
  const [recordId, setRecordId] = useState('');
  const [result, setResult] = useState<DryRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setError(null);
    const rule = unsaved || !ruleId ? definition() : null;
    if ((unsaved || !ruleId) && !rule) return;
    try {
      setResult(await dryRun.mutateAsync({ id: ruleId, rule, recordId: recordId.trim() || undefined }));
    } catch (err) {
      setResult(null);
      if (!onFieldErrors(err)) setError(errorMessage(err, t));
    }
  };

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('dryRun.recordId')}
          description={t('dryRun.recordIdHint')}
          value={recordId}
          onChange={(e) => setRecordId(e.currentTarget.value)}
          w={300}
          data-testid="dry-run-record"
        />
        <Button
          variant="light"
          leftSection={<IconPlayerPlay size={16} />}
          onClick={() => void run()}
          loading={dryRun.isPending}
          data-testid="dry-run"
        >
          {t('dryRun.button')}
        </Button>
      </Group>
      {error ? (
        <Alert color="red" data-testid="dry-run-error">
          {error}
        </Alert>
      ) : null}
      {result ? (
        <Stack gap="sm" data-testid="dry-run-result">
          {result.nextRuns.length > 0 ? (
            <Text size="sm">
              {t('dryRun.nextRuns', { times: result.nextRuns.map((x) => fmt.dateTime(x)).join(', ') })}
            </Text>
          ) : null}
          {result.cases.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="dry-run-empty">
              {t('dryRun.noCases')}
            </Text>
          ) : null}
          {result.cases.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a read-only result, never reordered
            <Card key={i} withBorder padding="sm" data-testid="dry-run-case" data-passed={c.conditionsPassed}>
              <Group justify="space-between" mb="xs">
                <Title order={6}>
                  {c.recordType ? `${recordLabel(t, c.recordType)}: ` : ''}
                  {c.recordLabel ?? c.recordId ?? t('dryRun.noRecord')}
                </Title>
                <Badge color={c.conditionsPassed ? 'teal' : 'gray'}>
                  {c.conditionsPassed ? t('dryRun.wouldRun') : t('dryRun.wouldSkip')}
                </Badge>
              </Group>
              <ConditionResults conditions={c.conditions} root={c.recordType} />
              {c.conditionsPassed && c.actions.length > 0 ? (
                <>
                  <Text size="sm" fw={500} mt="xs">
                    {t('dryRun.actions')}
                  </Text>
                  <List size="sm" type="ordered">
                    {c.actions.map((a, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a read-only result, never reordered
                      <List.Item key={j} data-testid="dry-run-action">
                        {a.description}
                        {a.problem ? (
                          <Text component="span" c="red" size="sm">
                            {' '}
                            — {a.problem}
                          </Text>
                        ) : null}
                      </List.Item>
                    ))}
                  </List>
                </>
              ) : null}
            </Card>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
