import { Alert, Button, Group, Text } from '@mantine/core';
import { IconArrowRight, IconArrowsJoin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/use-format';
import { useCompany } from '../api/companies-api';
import { useContact } from '../api/contacts-api';

/** Shown on a record that was merged into another: it is kept for the record, the other one is current. */
export function MergedBanner({
  entity,
  mergedIntoId,
  mergedAt,
}: {
  entity: 'company' | 'contact';
  mergedIntoId: string;
  mergedAt: string | null;
}) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const company = useCompany(entity === 'company' ? mergedIntoId : null);
  const contact = useContact(entity === 'contact' ? mergedIntoId : null);
  const name = (entity === 'company' ? company.data?.name : contact.data?.name) ?? '…';
  const to = entity === 'company' ? `/companies/${mergedIntoId}` : `/contacts/${mergedIntoId}`;
  return (
    <Alert
      color="grape"
      variant="light"
      icon={<IconArrowsJoin size={18} />}
      title={t('merged.title')}
      data-testid="merged-banner"
    >
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          {mergedAt
            ? t('merged.messageAt', { name, date: fmt.dateTime(mergedAt) })
            : t('merged.message', { name })}
        </Text>
        <Button
          component={Link}
          to={to}
          size="xs"
          color="grape"
          rightSection={<IconArrowRight size={14} />}
          data-testid="merged-open"
        >
          {t('merged.open', { name })}
        </Button>
      </Group>
    </Alert>
  );
}
