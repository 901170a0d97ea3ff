import { Card, Group, Loader, SimpleGrid, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/use-format';
import type { Count } from '../api/dashboard-api';

export interface DashboardWidget {
  id: string;
  /** `stat` cards sit four or five in a row; `wide` widgets take a full row on small and half on large screens. */
  size: 'stat' | 'wide' | 'full';
  element: ReactNode;
}

/** The dashboard layout: stat cards on top, wider widgets below. Add a widget by adding an entry. */
export function DashboardGrid({ widgets }: { widgets: DashboardWidget[] }) {
  const stats = widgets.filter((w) => w.size === 'stat');
  const wide = widgets.filter((w) => w.size !== 'stat');
  return (
    <>
      {/* five cards (the usual count) in one row on large screens rather than four and one alone */}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4, xl: stats.length === 5 ? 5 : 4 }} spacing="md" mb="md">
        {stats.map((w) => (
          <div key={w.id} data-widget={w.id}>
            {w.element}
          </div>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {wide.map((w) => (
          <div key={w.id} data-widget={w.id} style={w.size === 'full' ? { gridColumn: '1 / -1' } : undefined}>
            {w.element}
          </div>
        ))}
      </SimpleGrid>
    </>
  );
}

export function StatCard({
  label,
  count,
  loading,
  icon,
  color,
  to,
  testId,
}: {
  label: ReactNode;
  count: Count | undefined;
  loading?: boolean;
  icon: ReactNode;
  color: string;
  to?: string;
  testId: string;
}) {
  const { t } = useTranslation('dashboard');
  const fmt = useFormat();
  const value = count
    ? count.more
      ? t('countMore', { value: fmt.number(count.value) })
      : fmt.number(count.value)
    : '—';
  const body = (
    <Card withBorder radius="md" padding="lg" h="100%" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {label}
          </Text>
          {loading ? (
            <Loader size="sm" mt="sm" />
          ) : (
            <Text fz={32} fw={700} lh={1.2} mt={4} data-testid={`${testId}-value`}>
              {value}
            </Text>
          )}
        </div>
        <ThemeIcon variant="light" color={color} size={44} radius="md">
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
  return to ? (
    <UnstyledButton component={Link} to={to} display="block" h="100%">
      {body}
    </UnstyledButton>
  ) : (
    body
  );
}

export function WidgetCard({
  title,
  action,
  children,
  testId,
}: {
  title: ReactNode;
  action?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder radius="md" padding="lg" h="100%" data-testid={testId}>
      <Group justify="space-between" mb="md">
        <Title order={4}>{title}</Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}
