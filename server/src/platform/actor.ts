import type { Role, Scope } from '../../../contracts/permissions';
import { ROLE_SCOPE } from '../../../contracts/permissions';

/**
 * Who does something: a signed-in person, or the system on behalf of a rule or job.
 * Services take an Actor so that audit entries, events and visibility all know who acted.
 */
export interface Actor {
  userId: string | null;
  name: string | null;
  role: Role | null;
  teamIds: string[];
  /** For automated work: `job:<name>`, `rule:<id>@<version>`, `event:<type>`, `cli`, `seed`. */
  origin: string | null;
}

export function systemActor(origin: string): Actor {
  return { userId: null, name: null, role: null, teamIds: [], origin };
}

/** The system sees everything; people see what their role's scope allows. */
export function scopeOf(actor: Actor): Scope {
  return actor.role ? ROLE_SCOPE[actor.role] : 'all';
}
