import { Anchor, Group, Input, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { allReadLevels, type DomainLevels, LEVELS, type Level, type OfferedDomain } from '../scope-values';

/**
 * Per domain: none / read / read + write. Only domains the user's role can use are offered, and only
 * the levels that mean something for the role there: a token never does more than its user.
 */
export function ScopePicker({
  domains,
  value,
  onChange,
  error,
}: {
  /** The domains offered, with the levels that mean something for the role on each. */
  domains: OfferedDomain[];
  value: DomainLevels;
  onChange: (value: DomainLevels) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('tokens');
  const clear = () =>
    onChange(Object.fromEntries(domains.map(({ domain }) => [domain, 'none'])) as DomainLevels);

  return (
    <Input.Wrapper
      label={t('scopes.label')}
      description={t('scopes.hint')}
      error={error}
      required
      data-testid="token-scopes-picker"
    >
      <Stack gap={4} mt={6}>
        <Group gap="md">
          <Anchor
            component="button"
            type="button"
            size="xs"
            onClick={() => onChange(allReadLevels(domains))}
            data-testid="token-scopes-all-read"
          >
            {t('scopes.allRead')}
          </Anchor>
          <Anchor component="button" type="button" size="xs" onClick={clear} data-testid="token-scopes-clear">
            {t('scopes.clear')}
          </Anchor>
        </Group>
        <Table verticalSpacing={4} withRowBorders={false}>
          <Table.Tbody>
            {domains.map(({ domain, levels }) => (
              <Table.Tr key={domain}>
                <Table.Td>
                  <Text size="sm">{t(`scopes.domain.${domain}`)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <SegmentedControl
                    size="xs"
                    value={value[domain] ?? 'none'}
                    onChange={(level) => onChange({ ...value, [domain]: level as Level })}
                    data={LEVELS.map((level) => ({
                      value: level,
                      label: t(`scopes.level.${level}`),
                      disabled: level !== 'none' && !levels.includes(level),
                    }))}
                    data-testid={`token-scope-${domain}`}
                    aria-label={t(`scopes.domain.${domain}`)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Input.Wrapper>
  );
}
