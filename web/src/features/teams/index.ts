export { teamKeys, useTeam } from './api/teams-api';
export { TeamCreateModal } from './components/team-create-modal';
export { TeamEditForm } from './components/team-edit-form';
export { TeamMembers } from './components/team-members';
export { TeamsList } from './components/teams-list';
