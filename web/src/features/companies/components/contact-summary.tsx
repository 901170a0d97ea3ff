import { Anchor, Avatar, Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconMail, IconPhone } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact } from '../../../../../contracts/companies';
import { useFormat } from '../../../lib/use-format';
import { MailingBadge } from './contact-columns';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div style={{ fontSize: 'var(--mantine-font-size-sm)', wordBreak: 'break-word' }}>{children}</div>
    </Stack>
  );
}

/** A contact's head: name, position at company, addresses, numbers, language and mailing state. */
export function ContactSummary({ contact }: { contact: Contact }) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  return (
    <Stack gap="md" data-testid="contact-summary">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <Avatar name={contact.name} color="initials" size="lg" radius="xl" />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} size="lg" data-testid="contact-title">
            {contact.name}
          </Text>
          <Text size="sm" c="dimmed">
            {contact.position ? `${contact.position} · ` : ''}
            <Anchor component={Link} to={`/companies/${contact.companyId}`} size="sm">
              {contact.companyName}
            </Anchor>
          </Text>
          <Group gap="xs">
            <MailingBadge contact={contact} />
            <Badge size="sm" variant="outline" color="gray">
              {t(`common:languages.${contact.preferredLanguage}`)}
            </Badge>
          </Group>
        </Stack>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm">
        <Fact label={t('contacts.fields.emails')}>
          {contact.emails.length === 0
            ? '—'
            : contact.emails.map((e) => (
                <Group key={e.address} gap={6} wrap="nowrap">
                  <IconMail size={14} style={{ flexShrink: 0 }} />
                  <Anchor href={`mailto:${e.address}`} size="sm" truncate>
                    {e.address}
                  </Anchor>
                  {e.label ? (
                    <Text span size="xs" c="dimmed">
                      {e.label}
                    </Text>
                  ) : null}
                </Group>
              ))}
        </Fact>
        <Fact label={t('contacts.fields.phones')}>
          {contact.phones.length === 0
            ? '—'
            : contact.phones.map((p) => (
                <Group key={p.number} gap={6} wrap="nowrap">
                  <IconPhone size={14} style={{ flexShrink: 0 }} />
                  <Anchor href={`tel:${p.number.replace(/[^\d+]/g, '')}`} size="sm">
                    {p.number}
                  </Anchor>
                  {p.label ? (
                    <Text span size="xs" c="dimmed">
                      {p.label}
                    </Text>
                  ) : null}
                </Group>
              ))}
        </Fact>
        <Fact label={t('contacts.fields.emailConsent')}>
          {contact.optOut
            ? t('contacts.optedOut')
            : contact.emailConsent
              ? contact.consentAt
                ? t('contacts.consentSince', { date: fmt.dateTime(contact.consentAt) })
                : t('common:yes')
              : t('common:no')}
        </Fact>
        <Fact label={t('fields.owner')}>{contact.ownerName ?? '—'}</Fact>
      </SimpleGrid>
      {contact.notes ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {contact.notes}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('meta', { created: fmt.dateTime(contact.createdAt), updated: fmt.dateTime(contact.updatedAt) })}
      </Text>
    </Stack>
  );
}
