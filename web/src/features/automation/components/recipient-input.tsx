import { Button, Group, Menu, Select, TextInput } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Assignee, Recipient } from '../../../../../contracts/automation';
import { TeamPicker, UserPicker } from '../../../components/record-pickers';
import { errorAt } from './rule-values';

type Kind = Recipient['kind'];
const ASSIGNEE_KINDS: Kind[] = ['owner', 'owner_manager', 'user', 'team'];
const RECIPIENT_KINDS: Kind[] = [...ASSIGNEE_KINDS, 'contact', 'address'];

function emptyOf(kind: Kind): Recipient {
  switch (kind) {
    case 'user':
      return { kind, userId: '' };
    case 'team':
      return { kind, teamId: '' };
    case 'address':
      return { kind, email: '' };
    default:
      return { kind } as Recipient;
  }
}

/**
 * Who a task, notification or e-mail goes to: the record's owner, the owner's manager, a user, a
 * team — and for e-mails the record's contact or a fixed address. `errors` are under the field.
 */
export function RecipientInput<T extends Assignee | Recipient>({
  value,
  onChange,
  label,
  withContact,
  errors,
  path,
  testId,
}: {
  value: T;
  onChange: (v: T) => void;
  label: string;
  withContact?: boolean;
  errors: Record<string, string>;
  path: string;
  testId: string;
}) {
  const { t } = useTranslation('automation');
  const kinds = withContact ? RECIPIENT_KINDS : ASSIGNEE_KINDS;
  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <Select
        label={label}
        data={kinds.map((k) => ({ value: k, label: t(`recipients.${k}`) }))}
        value={value.kind}
        onChange={(k) => onChange(emptyOf((k ?? 'owner') as Kind) as T)}
        allowDeselect={false}
        error={errors[path]}
        w={300}
        data-testid={`${testId}-kind`}
      />
      {value.kind === 'user' ? (
        <UserPicker
          label={t('recipients.user')}
          value={value.userId || null}
          onChange={(userId) => onChange({ kind: 'user', userId: userId ?? '' } as T)}
          error={errorAt(errors, `${path}.userId`)}
          w={220}
          data-testid={`${testId}-user`}
        />
      ) : null}
      {value.kind === 'team' ? (
        <TeamPicker
          label={t('recipients.team')}
          value={value.teamId || null}
          onChange={(teamId) => onChange({ kind: 'team', teamId: teamId ?? '' } as T)}
          error={errorAt(errors, `${path}.teamId`)}
          w={220}
          data-testid={`${testId}-team`}
        />
      ) : null}
      {value.kind === 'address' ? (
        <TextInput
          label={t('recipients.address')}
          type="email"
          value={value.email}
          onChange={(e) => onChange({ kind: 'address', email: e.currentTarget.value } as T)}
          error={errorAt(errors, `${path}.email`)}
          w={260}
          data-testid={`${testId}-email`}
        />
      ) : null}
    </Group>
  );
}

/** `company.name` or `{{company.name}}` (the catalog's form) as it stands in a text: `{{company.name}}`. */
export const asVariable = (v: string) => (v.startsWith('{{') ? v : `{{${v}}}`);

/** "Variable einfügen": appends `{{path}}` to a text field. */
export function VariableMenu({
  variables,
  onInsert,
  testId,
}: {
  variables: string[];
  onInsert: (text: string) => void;
  testId: string;
}) {
  const { t } = useTranslation('automation');
  if (variables.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          size="compact-xs"
          leftSection={<IconBraces size={14} />}
          data-testid={testId}
        >
          {t('actions.insertVariable')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
        {variables.map(asVariable).map((v) => (
          <Menu.Item key={v} onClick={() => onInsert(v)} ff="monospace" fz="xs">
            {v}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
