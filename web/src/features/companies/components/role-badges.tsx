import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CompanyRole } from '../../../../../contracts/companies';
import { ROLE_COLOR } from './options';

export function RoleBadges({
  roles,
  size = 'sm',
}: {
  roles: readonly CompanyRole[];
  size?: 'xs' | 'sm' | 'md';
}) {
  const { t } = useTranslation('companies');
  return (
    <Group gap={4} wrap="wrap">
      {roles.map((role) => (
        <Badge key={role} size={size} variant="light" color={ROLE_COLOR[role]} data-role={role}>
          {t(`roles.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}
