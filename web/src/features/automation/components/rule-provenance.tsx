import { Alert, Anchor, Text } from '@mantine/core';
import { IconRobot } from '@tabler/icons-react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProvenance } from '../api/automation-api';

/**
 * Whether the record has a provenance to show (so a page can leave out its own origin line, which
 * would say the same again). The same cached request as RuleProvenance with the same arguments.
 */
export function useHasProvenance(entityType: string, entityId: string, enabled: boolean): boolean {
  const query = useProvenance(entityType, entityId, enabled);
  return enabled && Boolean(query.data?.[0]);
}

/**
 * "Erstellt von Regel „X“ (v3), weil …": why automation made a record, with a link to the rule.
 * Asks the server only when the record says a rule or the system (a built-in rule) may have made it
 * (`enabled`), to save the request.
 */
export function RuleProvenance({
  entityType,
  entityId,
  enabled,
  canOpenRule,
}: {
  entityType: string;
  entityId: string;
  enabled: boolean;
  canOpenRule: boolean;
}) {
  const { t } = useTranslation('automation');
  const query = useProvenance(entityType, entityId, enabled);
  const item = query.data?.[0];
  if (!enabled || !item) return null;
  const rule = canOpenRule ? (
    <Anchor
      component={Link}
      to={`/admin/automation/rules/${item.ruleId}`}
      size="sm"
      data-testid="provenance-rule-link"
    />
  ) : (
    <Text span size="sm" fw={500} />
  );
  return (
    <Alert variant="light" color="grape" icon={<IconRobot size={18} />} p="xs" data-testid="rule-provenance">
      <Text size="sm">
        <Trans
          t={t}
          i18nKey="provenance.text"
          values={{ name: item.ruleName, version: item.ruleVersion, reason: item.reason }}
          components={{ rule }}
        />
      </Text>
    </Alert>
  );
}
