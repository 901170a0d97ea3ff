import { ROLES } from '../../../../contracts/permissions';
import { toBool } from '../../platform/db/database';
import { type RecordTypeDef, registerRecordType } from '../automation';
import { findTeamsByIds, findUsersByIds } from './identity.repository';
import { effectiveManagers } from './managers';

/**
 * What the identity domain offers the automation engine (see automation/registry.ts): the
 * related-only record types `user` (a record's owner, a task's assignee) and `team`.
 */

export const userRecordType: RecordTypeDef = {
  type: 'user',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'email', type: 'string' },
    { name: 'locale', type: 'enum', options: ['de', 'en'] },
    { name: 'role', type: 'enum', options: [...ROLES] },
    { name: 'active', type: 'boolean' },
    { name: 'managerId', type: 'user' },
  ],
  related: [{ name: 'manager', type: 'user', via: 'managerId' }],
  /**
   * `managerId` is whom the user reports to: `users.manager_id` when an administrator set it;
   * when not set, an active user with role `manager` in one of the user's teams (first by name);
   * else null. So "the owner's manager" finds someone in companies that never filled in the field.
   */
  async load(db, ids) {
    const rows = await findUsersByIds(db, [...new Set(ids)]);
    const managers = await effectiveManagers(db, rows);
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          name: r.name,
          email: r.email,
          locale: r.locale,
          role: r.role,
          active: toBool(r.active),
          managerId: managers.get(r.id) ?? null,
        },
      ]),
    );
  },
  label: (v) => String(v.name ?? ''),
  /** Mail "to the record" of a user goes to the user. */
  async contact(_db, v) {
    if (typeof v.email !== 'string' || !v.active) return null;
    return { email: v.email, name: String(v.name ?? ''), locale: v.locale === 'en' ? 'en' : 'de' };
  },
};

export const teamRecordType: RecordTypeDef = {
  type: 'team',
  fields: [{ name: 'name', type: 'string' }],
  async load(db, ids) {
    const rows = await findTeamsByIds(db, [...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
  },
  label: (v) => String(v.name ?? ''),
};

registerRecordType(userRecordType);
registerRecordType(teamRecordType);
