import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../../contracts/permissions';

const ROLE_COLOR: Record<Role, string> = {
  admin: 'grape',
  manager: 'indigo',
  sales: 'blue',
  accounting: 'teal',
  purchasing: 'orange',
};

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={ROLE_COLOR[role]} data-role={role}>
      {t(`roles.${role}`)}
    </Badge>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation('users');
  return (
    <Badge variant="dot" color={active ? 'teal' : 'gray'} data-active={active}>
      {active ? t('status.active') : t('status.inactive')}
    </Badge>
  );
}
