import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiScope } from '../../../../../contracts/api-scopes';
import { parseScope } from '../scope-values';

/**
 * A token's scopes, one line per level ("Read + write: Deals & pipelines", "Read: Companies …");
 * null = a token from before scopes (all its owner's role allows).
 */
export function TokenScopes({ scopes }: { scopes: ApiScope[] | null }) {
  const { t } = useTranslation('tokens');
  if (scopes === null) {
    return (
      <Tooltip label={t('scopes.legacyHint')} multiline w={260}>
        <Badge color="gray" variant="light" tt="none" data-testid="token-scopes" data-scopes="all">
          {t('scopes.legacy')}
        </Badge>
      </Tooltip>
    );
  }
  const parsed = scopes.map(parseScope);
  const lines = (['write', 'read'] as const)
    .map((level) => ({
      level,
      domains: parsed.filter((s) => s.level === level).map((s) => t(`scopes.domain.${s.domain}`)),
    }))
    .filter((line) => line.domains.length > 0);
  return (
    <Stack gap={4} data-testid="token-scopes" data-scopes={scopes.join(' ')}>
      {lines.map(({ level, domains }) => (
        <Group key={level} gap={6} wrap="nowrap" align="flex-start" data-testid={`token-scopes-${level}`}>
          <Badge
            color={level === 'write' ? 'orange' : 'blue'}
            variant="light"
            tt="none"
            style={{ flexShrink: 0 }}
          >
            {t(`scopes.level.${level}`)}
          </Badge>
          <Text size="xs" c="dimmed" lh={1.6}>
            {domains.join(', ')}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
