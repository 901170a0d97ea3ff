import { shortId } from '../features/audit';
import { useCompany, useContact } from '../features/companies';
import { useDeal } from '../features/sales';
import { useTeam } from '../features/teams';
import { useUser } from '../features/users';

function UserName({ id }: { id: string }) {
  const user = useUser(id);
  return <>{user.data?.name ?? shortId(id)}</>;
}

function DealName({ id }: { id: string }) {
  const deal = useDeal(id);
  return <>{deal.data?.title ?? shortId(id)}</>;
}

function CompanyName({ id }: { id: string }) {
  const company = useCompany(id);
  return <>{company.data?.name ?? shortId(id)}</>;
}

function ContactName({ id }: { id: string }) {
  const contact = useContact(id);
  return <>{contact.data?.name ?? shortId(id)}</>;
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
    case 'deal':
      return <DealName id={entityId} />;
    case 'company':
      return <CompanyName id={entityId} />;
    case 'contact':
      return <ContactName id={entityId} />;
    default:
      return <>{shortId(entityId)}</>;
  }
}
