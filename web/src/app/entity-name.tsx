import { shortId } from '../features/audit';
import { useTeam } from '../features/teams';
import { useUser } from '../features/users';

function UserName({ id }: { id: string }) {
  const user = useUser(id);
  return <>{user.data?.name ?? shortId(id)}</>;
}

function TeamName({ id }: { id: string }) {
  const team = useTeam(id);
  return <>{team.data?.name ?? shortId(id)}</>;
}

/** The current name of an audited record, looked up through its domain (cached); else a short id. */
export function EntityName({ entityType, entityId }: { entityType: string; entityId: string }) {
  switch (entityType) {
    case 'user':
      return <UserName id={entityId} />;
    case 'team':
      return <TeamName id={entityId} />;
    default:
      return <>{shortId(entityId)}</>;
  }
}
