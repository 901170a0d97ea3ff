import { Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/query-error';
import { useUserLookup } from '../../../lib/record-lookups';
import { useFormat } from '../../../lib/use-format';
import { useRuleVersions } from '../api/automation-api';

/** **Versionen**: every saved version of the rule, who saved it and when. */
export function RuleVersions({ ruleId }: { ruleId: string }) {
  const { t } = useTranslation('automation');
  const fmt = useFormat();
  const query = useRuleVersions(ruleId);
  const users = useUserLookup();
  const nameOf = (id: string | null) =>
    id ? (users.data?.find((u) => u.id === id)?.name ?? id) : t('versions.system');
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loader />;
  if (query.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('versions.empty')}
      </Text>
    );
  }
  const items = [...query.data].sort((a, b) => b.version - a.version);
  return (
    <Table data-testid="rule-versions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('versions.version')}</Table.Th>
          <Table.Th>{t('versions.when')}</Table.Th>
          <Table.Th>{t('versions.who')}</Table.Th>
          <Table.Th>{t('versions.name')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((v) => (
          <Table.Tr key={v.version} data-testid="rule-version-row">
            <Table.Td>v{v.version}</Table.Td>
            <Table.Td>{fmt.dateTime(v.changedAt)}</Table.Td>
            <Table.Td>{nameOf(v.changedBy)}</Table.Td>
            <Table.Td>
              {v.name}
              {v.enabled ? '' : ` (${t('versions.disabled')})`}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
