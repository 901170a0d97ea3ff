import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One key figure of a report. */
export function Stat({
  label,
  value,
  hint,
  testId,
  color,
}: {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
  color?: string;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text
        // large sums ("14.596.279,09 €") in a smaller size, so they stay on one line in a narrow card
        fz={typeof value === 'string' && value.length > 12 ? 18 : 22}
        fw={700}
        lh={1.3}
        c={color}
        style={{ overflowWrap: 'anywhere' }}
        data-testid={testId ? `${testId}-value` : undefined}
      >
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed" data-testid={testId ? `${testId}-hint` : undefined}>
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}
