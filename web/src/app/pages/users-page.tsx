import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useSearchParams } from 'react-router';
import { ROLES, type Role } from '../../../../contracts/permissions';
import { PageHeader } from '../../components/page-header';
import {
  USER_SORTS,
  UserCreateModal,
  type UserFilters,
  type UserSort,
  UsersList,
} from '../../features/users';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

function filtersFrom(params: URLSearchParams): UserFilters {
  const role = params.get('role');
  const active = params.get('active');
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    role: role && (ROLES as readonly string[]).includes(role) ? (role as Role) : '',
    active: active === 'true' || active === 'false' ? active : '',
    sort: sort && (USER_SORTS as readonly string[]).includes(sort) ? (sort as UserSort) : 'name',
  };
}

function toParams(filters: UserFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.role) params.set('role', filters.role);
  if (filters.active) params.set('active', filters.active);
  if (filters.sort !== 'name') params.set('sort', filters.sort);
  return params;
}

/** Users administration; filters live in the URL so the header search and links can set them. */
export function UsersPage() {
  const { t } = useTranslation('users');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [createOpened, createModal] = useDisclosure(false);
  const filters = filtersFrom(params);
  const search = params.toString();

  return (
    <RequirePermission permission="users.read">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          can('users.manage') ? (
            <Button
              leftSection={<IconUserPlus size={16} />}
              onClick={createModal.open}
              data-testid="user-create"
            >
              {t('create.button')}
            </Button>
          ) : null
        }
      />
      <UsersList
        filters={filters}
        onFiltersChange={(next) => setParams(toParams(next), { replace: true })}
        getUserLink={(id) => `/users/${id}${search ? `?${search}` : ''}`}
      />
      <UserCreateModal opened={createOpened} onClose={createModal.close} />
      <Outlet />
    </RequirePermission>
  );
}
