import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

/**
 * A secret the server shows exactly once (an API token, a webhook's signing secret): the warning,
 * the value with a copy button. Texts come from the caller (its own namespace).
 */
export function ShownOnceSecret({
  name,
  value,
  warningTitle,
  warning,
  copyLabel,
  copiedLabel,
  testId,
  copyTestId,
}: {
  name: string;
  value: string;
  warningTitle: string;
  warning: string;
  copyLabel: string;
  copiedLabel: string;
  testId: string;
  copyTestId: string;
}) {
  return (
    <>
      <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={warningTitle}>
        {warning}
      </Alert>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {name}
        </Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code
            block
            style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
            data-testid={testId}
          >
            {value}
          </Code>
          <CopyButton value={value} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'filled' : 'light'}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
                data-testid={copyTestId}
              >
                {copied ? copiedLabel : copyLabel}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </>
  );
}
