import { Stack, Text, ThemeIcon } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl">
      <ThemeIcon variant="light" size="xl" radius="xl" color="gray">
        <IconInbox size={22} />
      </ThemeIcon>
      <Text fw={500}>{title}</Text>
      {children ? (
        <Text size="sm" c="dimmed" ta="center">
          {children}
        </Text>
      ) : null}
    </Stack>
  );
}
