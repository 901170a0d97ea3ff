import { Card, Group, Loader, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconReportMoney } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/use-format';
import { useMyOpenDeals } from '../api/deals-api';

/** Dashboard card: how many open deals the user owns and what they are worth, weighted. */
export function MyOpenDealsCard({ userId, viaForecast }: { userId: string; viaForecast: boolean }) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const summary = useMyOpenDeals(userId, { viaForecast });
  const data = summary.data;
  return (
    <UnstyledButton
      component={Link}
      to={`/deals?ownerId=${encodeURIComponent(userId)}&status=open`}
      display="block"
      h="100%"
    >
      <Card withBorder radius="md" padding="lg" h="100%" data-testid="stat-my-open-deals">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {t('dashboard.myOpenDeals')}
            </Text>
            {summary.isPending ? (
              <Loader size="sm" mt="sm" />
            ) : (
              <>
                <Text fz={32} fw={700} lh={1.2} mt={4} data-testid="stat-my-open-deals-value">
                  {data ? `${fmt.number(data.count)}${data.more ? '+' : ''}` : '—'}
                </Text>
                <Text size="sm" c="dimmed" data-testid="stat-my-open-deals-weighted">
                  {data ? t('dashboard.weightedSum', { amount: fmt.money(data.weightedCents, 'EUR') }) : null}
                </Text>
              </>
            )}
          </div>
          <ThemeIcon variant="light" color="blue" size={44} radius="md">
            <IconReportMoney size={24} />
          </ThemeIcon>
        </Group>
      </Card>
    </UnstyledButton>
  );
}
