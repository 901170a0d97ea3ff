export {
  USER_SORTS,
  type UserFilters,
  type UserSort,
  userKeys,
  useUser,
  useUserSearch,
} from './api/users-api';
export { ActiveBadge, RoleBadge } from './components/role-badge';
export { UserCreateModal } from './components/user-create-modal';
export { UserEditForm } from './components/user-edit-form';
export { UserSummary } from './components/user-summary';
export { UsersList } from './components/users-list';
