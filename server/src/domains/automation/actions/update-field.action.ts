import { formatValue } from '../engine/templates';
import { type ActionImpl, recordTypeOf } from '../registry';

/**
 * update_field: sets one updatable field of the root record through its domain's `update` (the
 * domain's checks, audit entry and events, acting as the rule). Validation makes sure the field is
 * an updatable field of the trigger's root record.
 */
export const updateFieldAction: ActionImpl<'update_field'> = {
  kind: 'update_field',
  recordTypes: 'any',
  async validate(_db, action, rootType) {
    const def = rootType ? recordTypeOf(rootType) : undefined;
    if (!def?.update) return 'The trigger’s record cannot be changed by a rule';
    return action.field.startsWith(`${rootType}.`)
      ? null
      : `${action.field} is not a field of the ${rootType}`;
  },
  async describe(ctx, action) {
    const field = action.field.slice(action.field.indexOf('.') + 1);
    const def = ctx.root ? recordTypeOf(ctx.root.type) : undefined;
    const type = def?.fields.find((f) => f.name === field)?.type;
    const current = ctx.root ? ctx.scope[ctx.root.type]?.[field] : undefined;
    return {
      description: `${action.field} von „${formatValue(current, type, 'de')}“ auf „${formatValue(action.value, type, 'de')}“ setzen`,
      problem: def?.update ? null : 'Dieser Datensatz kann nicht geändert werden',
    };
  },
  async execute(ctx, action) {
    const def = ctx.root ? recordTypeOf(ctx.root.type) : undefined;
    if (!ctx.root || !def?.update) throw new Error('The trigger’s record cannot be changed by a rule');
    const field = action.field.slice(action.field.indexOf('.') + 1);
    await def.update(ctx, ctx.root.id, field, action.value);
    const values = ctx.scope[ctx.root.type];
    return { entityType: ctx.root.type, entityId: ctx.root.id, label: values ? def.label(values) : null };
  },
};
