import { Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/use-format';

function partOfDay(hour: number): 'morning' | 'day' | 'evening' {
  if (hour < 11) return 'morning';
  if (hour < 18) return 'day';
  return 'evening';
}

export function Greeting({ name }: { name: string }) {
  const { t } = useTranslation('dashboard');
  const fmt = useFormat();
  const now = new Date();
  const firstName = name.split(/\s+/)[0] ?? name;
  return (
    <div>
      <Title order={2} data-testid="dashboard-greeting">
        {t(`greeting.${partOfDay(now.getHours())}`, { name: firstName })}
      </Title>
      <Text c="dimmed" size="sm">
        {t('today', { date: fmt.date(now) })}
      </Text>
    </div>
  );
}
