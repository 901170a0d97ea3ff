import { describe, expect, it } from 'vitest';
import { createBody, emptyValues, reminderOf, updateBody } from './task-form-values';

describe('task form values', () => {
  it('sends a team task without a member as an unclaimed one, and an all-day due date', () => {
    const v = { ...emptyValues('u1', {}), subject: 'Call back', dueDate: '2026-12-01' };
    const body = createBody({ ...v, assignTo: 'team', teamId: 't1', assigneeId: null });
    expect(body).toMatchObject({
      teamId: 't1',
      assigneeId: null,
      dueDate: '2026-12-01',
      reminder: 'default',
    });
    expect(body).not.toHaveProperty('dueAt');
  });

  it('turns a due time into an instant and an incomplete custom reminder into "invalid"', () => {
    const v = { ...emptyValues('u1', {}), dueDate: '2026-12-01', dueTime: '09:30' };
    expect(createBody(v)).toMatchObject({ dueAt: new Date('2026-12-01T09:30:00').toISOString() });
    expect(createBody(v)).not.toHaveProperty('dueDate');
    expect(reminderOf({ ...v, reminder: 'custom', reminderDate: '2026-12-01', reminderTime: '' })).toBe(
      'invalid',
    );
  });

  it('sends only what changed, with the version', () => {
    const b = { ...emptyValues('u1', {}), subject: 'Old', dueDate: '2026-12-01' };
    expect(updateBody({ ...b, subject: 'New' }, b, 3)).toEqual({ version: 3, subject: 'New' });
    expect(updateBody({ ...b, dueDate: null }, b, 3)).toEqual({ version: 3, dueDate: null, dueAt: null });
  });
});
