import { Anchor, Button, Group, Loader, Switch, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Rule } from '../../../../../contracts/automation';
import { EmptyState } from '../../../components/empty-state';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { useRules, useToggleRule } from '../api/automation-api';
import { triggerSummary } from './trigger-summary';

/** "Regeln": the custom rules with their trigger in words, an inline switch and 30-day numbers. */
export function RulesList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('automation');
  const fmt = useFormat();
  const notify = useNotify();
  const query = useRules();
  const toggle = useToggleRule();
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loader />;
  const rules = query.data.filter((r) => !r.builtin);

  const flip = (rule: Rule, enabled: boolean) =>
    toggle.mutate(
      { rule, enabled },
      { onError: (err) => notify.error(errorMessage(err, t), t('list.toggleFailed', { name: rule.name })) },
    );

  return (
    <>
      {canManage ? (
        <Group justify="flex-end" mb="sm">
          <Button
            component={Link}
            to="/admin/automation/rules/new"
            leftSection={<IconPlus size={16} />}
            data-testid="rule-new"
          >
            {t('list.new')}
          </Button>
        </Group>
      ) : null}
      {rules.length === 0 ? (
        <EmptyState title={t('list.empty')}>{t('list.emptyHint')}</EmptyState>
      ) : (
        <Table striped highlightOnHover data-testid="rules-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.name')}</Table.Th>
              <Table.Th>{t('list.trigger')}</Table.Th>
              <Table.Th>{t('list.enabled')}</Table.Th>
              <Table.Th>{t('list.lastRun')}</Table.Th>
              <Table.Th ta="right">{t('list.runs30d')}</Table.Th>
              <Table.Th ta="right">{t('list.failed30d')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.map((rule) => (
              <Table.Tr key={rule.id} data-testid="rule-row" data-rule-id={rule.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/admin/automation/rules/${rule.id}`} data-testid="rule-link">
                    {rule.name}
                  </Anchor>
                  {rule.description ? (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {rule.description}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{rule.trigger ? triggerSummary(t, rule.trigger) : ''}</Text>
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={rule.enabled}
                    disabled={!canManage}
                    onChange={(e) => flip(rule, e.currentTarget.checked)}
                    aria-label={t('list.enabled')}
                    data-testid="rule-enabled-toggle"
                  />
                </Table.Td>
                <Table.Td>{rule.lastRunAt ? fmt.dateTime(rule.lastRunAt) : '–'}</Table.Td>
                <Table.Td ta="right">{fmt.number(rule.runs30d)}</Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" c={rule.failed30d > 0 ? 'red' : undefined}>
                    {fmt.number(rule.failed30d)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
