import { Card, Center, Group, Loader, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The card of one receivables report: title, description and a spinner while it refetches. */
export function CardFrame({
  title,
  description,
  testId,
  fetching,
  children,
}: {
  title: string;
  description: string;
  testId: string;
  fetching: boolean;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId} data-loading={fetching ? 'true' : 'false'}>
      <Group justify="space-between" mb="md" wrap="nowrap" align="flex-start">
        <div>
          <Title order={3}>{title}</Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        {fetching ? <Loader size="sm" /> : null}
      </Group>
      {children}
    </Card>
  );
}

/** The card's body until its first answer arrives. */
export function Pending() {
  return (
    <Center py="xl">
      <Loader />
    </Center>
  );
}
