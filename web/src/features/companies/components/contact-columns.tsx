import { Anchor, Badge, Group, Text, Tooltip } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact } from '../../../../../contracts/companies';
import type { ListColumn } from '../../../components/list-table';
import { useFormat } from '../../../lib/use-format';
import type { ListViewColumn } from '../../../lib/use-list-view-state';

const dash = (
  <Text span c="dimmed" size="sm">
    —
  </Text>
);
const text = (value: string | null | undefined) => (value ? <Text size="sm">{value}</Text> : dash);

export const CONTACT_COLUMNS: readonly ListViewColumn[] = [
  { id: 'name', alwaysVisible: true },
  { id: 'firstName', defaultVisible: false },
  { id: 'lastName', defaultVisible: false },
  { id: 'company' },
  { id: 'position' },
  { id: 'email' },
  { id: 'phone' },
  { id: 'language', defaultVisible: false },
  { id: 'mailing' },
  { id: 'owner', defaultVisible: false },
  { id: 'createdAt', defaultVisible: false },
  { id: 'updatedAt', defaultVisible: false },
];

/** GDPR state in one badge: opted out, marketing allowed (consent), or mailable only. */
export function MailingBadge({ contact }: { contact: Contact }) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  if (contact.optOut) {
    return (
      <Badge size="sm" color="red" variant="light" data-mailing="opt-out">
        {t('contacts.mailing.optOut')}
      </Badge>
    );
  }
  if (contact.marketingAllowed) {
    return (
      <Tooltip
        label={contact.consentAt ? t('contacts.consentSince', { date: fmt.date(contact.consentAt) }) : ''}
        disabled={!contact.consentAt}
      >
        <Badge size="sm" color="teal" variant="light" data-mailing="marketing">
          {t('contacts.mailing.marketing')}
        </Badge>
      </Tooltip>
    );
  }
  if (contact.isMailable) {
    return (
      <Badge size="sm" color="gray" variant="light" data-mailing="mailable">
        {t('contacts.mailing.mailable')}
      </Badge>
    );
  }
  return (
    <Badge size="sm" color="gray" variant="outline" data-mailing="none">
      {t('contacts.mailing.none')}
    </Badge>
  );
}

function mailingText(c: Contact, t: (key: string) => string) {
  if (c.optOut) return t('contacts.mailing.optOut');
  if (c.marketingAllowed) return t('contacts.mailing.marketing');
  if (c.isMailable) return t('contacts.mailing.mailable');
  return t('contacts.mailing.none');
}

export function useContactColumns(): ListColumn<Contact>[] {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  return useMemo(() => {
    const defs: Record<string, Omit<ListColumn<Contact>, 'id' | 'defaultVisible' | 'alwaysVisible'>> = {
      name: {
        label: t('contacts.fields.name'),
        sortField: 'lastName',
        render: (c) => (
          <Anchor component={Link} to={`/contacts/${c.id}`} size="sm" fw={500} c="var(--mantine-color-text)">
            {c.name}
          </Anchor>
        ),
        csv: (c) => c.name,
      },
      firstName: {
        label: t('contacts.fields.firstName'),
        sortField: 'firstName',
        render: (c) => text(c.firstName),
        csv: (c) => c.firstName,
      },
      lastName: {
        label: t('contacts.fields.lastName'),
        render: (c) => text(c.lastName),
        csv: (c) => c.lastName,
      },
      company: {
        label: t('contacts.fields.company'),
        render: (c) => (
          <Anchor component={Link} to={`/companies/${c.companyId}`} size="sm">
            {c.companyName}
          </Anchor>
        ),
        csv: (c) => c.companyName,
      },
      position: {
        label: t('contacts.fields.position'),
        render: (c) => text(c.position),
        csv: (c) => c.position,
      },
      email: {
        label: t('contacts.fields.email'),
        render: (c) =>
          c.primaryEmail ? (
            <Group gap={4} wrap="nowrap">
              <Anchor href={`mailto:${c.primaryEmail}`} size="sm">
                {c.primaryEmail}
              </Anchor>
              {c.emails.length > 1 ? (
                <Text span size="xs" c="dimmed">
                  +{c.emails.length - 1}
                </Text>
              ) : null}
            </Group>
          ) : (
            dash
          ),
        csv: (c) => c.emails.map((e) => e.address).join(', '),
      },
      phone: {
        label: t('contacts.fields.phone'),
        nowrap: true,
        render: (c) =>
          c.phones[0] ? (
            <Anchor href={`tel:${c.phones[0].number.replace(/[^\d+]/g, '')}`} size="sm">
              {c.phones[0].number}
            </Anchor>
          ) : (
            dash
          ),
        csv: (c) => c.phones.map((p) => p.number).join(', '),
      },
      language: {
        label: t('contacts.fields.preferredLanguage'),
        render: (c) => text(t(`common:languages.${c.preferredLanguage}`)),
        csv: (c) => t(`common:languages.${c.preferredLanguage}`),
      },
      mailing: {
        label: t('contacts.fields.mailing'),
        nowrap: true,
        render: (c) => <MailingBadge contact={c} />,
        csv: (c) => mailingText(c, t),
      },
      owner: { label: t('fields.owner'), render: (c) => text(c.ownerName), csv: (c) => c.ownerName },
      createdAt: {
        label: t('fields.createdAt'),
        sortField: 'createdAt',
        nowrap: true,
        render: (c) => <Text size="sm">{fmt.date(c.createdAt)}</Text>,
        csv: (c) => fmt.date(c.createdAt),
      },
      updatedAt: {
        label: t('fields.updatedAt'),
        sortField: 'updatedAt',
        nowrap: true,
        render: (c) => <Text size="sm">{fmt.date(c.updatedAt)}</Text>,
        csv: (c) => fmt.date(c.updatedAt),
      },
    };
    return CONTACT_COLUMNS.map((col) => ({ ...col, ...defs[col.id]! }) as ListColumn<Contact>);
  }, [t, fmt]);
}
