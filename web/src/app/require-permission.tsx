import type { ReactNode } from 'react';
import type { Permission } from '../../../contracts/permissions';
import { useCan } from '../lib/auth';
import { ForbiddenPage } from './pages/forbidden-page';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? children : <ForbiddenPage />;
}
