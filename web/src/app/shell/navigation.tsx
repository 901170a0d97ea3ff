import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconKey, IconLayoutDashboard, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Permission } from '../../../../contracts/permissions';
import { useCan } from '../../lib/auth';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  testId: string;
  permission?: Permission;
}

export function Navigation() {
  const { t } = useTranslation();
  const can = useCan();
  const { pathname } = useLocation();

  const main: NavItem[] = [
    { to: '/', label: t('nav.dashboard'), icon: <IconLayoutDashboard size={18} />, testId: 'nav-dashboard' },
  ];
  const adminItems: NavItem[] = [
    {
      to: '/users',
      label: t('nav.users'),
      icon: <IconUsers size={18} />,
      testId: 'nav-users',
      permission: 'users.manage',
    },
    {
      to: '/teams',
      label: t('nav.teams'),
      icon: <IconUsersGroup size={18} />,
      testId: 'nav-teams',
      permission: 'teams.manage',
    },
    {
      to: '/api-tokens',
      label: t('nav.apiTokens'),
      icon: <IconKey size={18} />,
      testId: 'nav-tokens',
      permission: 'apiTokens.manage',
    },
  ];
  const admin = adminItems.filter((item) => !item.permission || can(item.permission));

  const isActive = (to: string) =>
    to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
  const render = (item: NavItem) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={item.icon}
      active={isActive(item.to)}
      data-testid={item.testId}
      aria-current={isActive(item.to) ? 'page' : undefined}
      variant="light"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );

  return (
    <ScrollArea type="never">
      <Stack gap={2} component="nav" aria-label={t('nav.label')}>
        {main.map(render)}
        {admin.length > 0 ? (
          <>
            <Text size="xs" c="dimmed" fw={700} tt="uppercase" mt="lg" mb={4} px="sm">
              {t('nav.administration')}
            </Text>
            {admin.map(render)}
          </>
        ) : null}
      </Stack>
    </ScrollArea>
  );
}
