import { Group, List, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EvaluatedCondition } from '../../../../../contracts/automation-runs';
import { fieldLabel } from './labels';
import { useShownValue } from './use-shown-value';

/** Conditions as evaluated: ✓/✗, the field, the operator, the expected and the actual value. */
export function ConditionResults({
  conditions,
  root,
}: {
  conditions: EvaluatedCondition[];
  root: string | null;
}) {
  const { t } = useTranslation('automation');
  const shown = useShownValue(root);
  if (conditions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('conditions.none')}
      </Text>
    );
  }
  return (
    <List spacing={4} size="sm" center>
      {conditions.map((c, i) => (
        <List.Item
          // biome-ignore lint/suspicious/noArrayIndexKey: a read-only result, never reordered
          key={i}
          data-testid="evaluated-condition"
          data-passed={c.passed ? 'true' : 'false'}
          icon={
            <ThemeIcon size={18} radius="xl" color={c.passed ? 'teal' : 'red'}>
              {c.passed ? <IconCheck size={12} /> : <IconX size={12} />}
            </ThemeIcon>
          }
        >
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={500}>
              {fieldLabel(t, c.field, root)}
            </Text>
            <Text size="sm">{t(`ops.${c.op}`)}</Text>
            {c.value !== undefined ? <Text size="sm">{shown(c.field, c.value)}</Text> : null}
            <Text size="sm" c="dimmed">
              {t('dryRun.actual', { value: shown(c.field, c.actual) })}
            </Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
