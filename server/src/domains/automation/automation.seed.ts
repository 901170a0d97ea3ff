import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { createEmailTemplate, findEmailTemplateByName } from './email-templates.service';
import { findRuleByName } from './rules.repository';
import { createRule } from './rules.service';

export const DEMO_TEMPLATE = 'Großer Deal in Verhandlung';
export const DEMO_RULE = 'Große Deals in Verhandlung: Chef informieren';

/**
 * The demo company's example of a rule (issue 7's own): a deal over 10,000 € that enters
 * "Verhandlung" gets a call task for its owner's manager, due the next day, and its owner an e-mail
 * from a template. Shipped **disabled** — an example to read, dry-run and switch on, as workflow
 * templates come in other CRMs — so the demo's deals move without side effects until an admin
 * decides. Idempotent: an existing template or rule of that name is kept.
 */
export async function seedAutomation(
  ctx: AppContext,
  actor: Actor,
  demo: { negotiationStageId: string | null },
): Promise<void> {
  const template =
    (await findEmailTemplateByName(ctx.db, DEMO_TEMPLATE)) ??
    (await createEmailTemplate(ctx, actor, {
      name: DEMO_TEMPLATE,
      subjectDe: '{{deal.title}} ist in der Verhandlung',
      bodyDe:
        'Hallo {{owner.name}},\n\nder Deal „{{deal.title}}“ bei {{company.name}} über {{deal.amountCents}} ist in der Verhandlung. Geplanter Abschluss: {{deal.expectedCloseDate}}.\n\nIhr Vorgesetzter ruft Sie morgen dazu an.',
      subjectEn: '{{deal.title}} is in negotiation',
      bodyEn:
        'Hello {{owner.name}},\n\nthe deal “{{deal.title}}” with {{company.name}} for {{deal.amountCents}} is in negotiation. Expected close: {{deal.expectedCloseDate}}.\n\nYour manager will call you about it tomorrow.',
    }));
  if (!demo.negotiationStageId) return;
  if (await findRuleByName(ctx.db, DEMO_RULE)) return;
  await createRule(ctx, actor, {
    name: DEMO_RULE,
    description: 'Beispielregel: ausgeschaltet. Mit „Testlauf“ ausprobieren, dann einschalten.',
    enabled: false,
    trigger: { kind: 'event', event: 'deal.stage_changed' },
    conditions: {
      match: 'all',
      items: [
        { field: 'event.toStageId', op: 'eq', value: demo.negotiationStageId },
        { field: 'deal.amountCents', op: 'gt', value: 1_000_000 },
      ],
    },
    actions: [
      {
        kind: 'create_task',
        taskType: 'call',
        subject: 'Verhandlung {{deal.title}} ({{company.name}}) mit {{owner.name}} besprechen',
        assignTo: { kind: 'owner_manager' },
        dueInDays: 1,
        priority: 'high',
        reminder: 'default',
      },
      { kind: 'send_email', templateId: template.id, to: { kind: 'owner' } },
    ],
  });
}
