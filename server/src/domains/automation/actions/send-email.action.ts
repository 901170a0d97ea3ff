import type { Recipient } from '../../../../../contracts/automation';
import type { DbOrTx } from '../../../platform/db/database';
import { queueMail } from '../../../platform/mail/queue-mail';
import { findEmailTemplate } from '../email-templates.service';
import { resolveAssignee } from '../engine/action-context';
import type { Scope } from '../engine/conditions';
import { recordFields } from '../engine/fields';
import { templateVariables } from '../engine/templates';
import { type ActionImpl, type MailContact, recordTypeOf } from '../registry';

/**
 * send_email: a template rendered in the recipient's language, queued in the action's transaction
 * (the mail exists exactly when the action's `done` mark commits).
 */

/** Who the mail goes to, or why nobody can get it (German for dry runs, English for failures). */
type Addressee = { to: MailContact } | { problem: { de: string; en: string } };

const describeRecipient = (to: Recipient) =>
  to.kind === 'address' ? to.email : to.kind === 'user' ? 'user' : to.kind;

const noRecipient = (what: string): Addressee => ({
  problem: {
    de: `Kein Empfänger gefunden (${what})`,
    en: `No e-mail address found for the recipient (${what})`,
  },
});

async function userAddress(db: DbOrTx, userId: string | null, what: string): Promise<Addressee> {
  const users = recordTypeOf('user');
  const u = userId && users ? (await users.load(db, [userId])).get(userId) : undefined;
  if (!u) return noRecipient(what);
  const name = typeof u.name === 'string' && u.name ? u.name : String(u.email ?? userId);
  // a deactivated user no longer reads their Kontor mail: sending there would look done but reach nobody
  if (u.active === false) {
    return {
      problem: { de: `${name} ist deaktiviert (${what})`, en: `${name} is deactivated (${what})` },
    };
  }
  if (typeof u.email !== 'string' || !u.email) return noRecipient(what);
  return { to: { email: u.email, name, locale: u.locale === 'en' ? 'en' : 'de' } };
}

/** Who the mail goes to, with the language it is written in. */
async function recipientAddress(
  db: DbOrTx,
  to: Recipient,
  root: { type: string; id: string } | null,
  scope: Scope,
): Promise<Addressee> {
  const what = describeRecipient(to);
  switch (to.kind) {
    case 'address':
      return { to: { email: to.email, name: to.email, locale: 'de' } };
    case 'contact': {
      const def = root ? recordTypeOf(root.type) : undefined;
      const values = root ? scope[root.type] : null;
      const contact = def?.contact && values ? await def.contact(db, values) : null;
      return contact ? { to: contact } : noRecipient(what);
    }
    case 'team':
      return noRecipient(what);
    default:
      return userAddress(db, (await resolveAssignee(db, root, scope, to)).userId, what);
  }
}

export const sendEmailAction: ActionImpl<'send_email'> = {
  kind: 'send_email',
  recordTypes: 'any',
  async validate(db, action, rootType) {
    const template = await findEmailTemplate(db, action.templateId);
    if (!template) return 'The e-mail template does not exist (any more)';
    if (action.to.kind === 'team') return 'An e-mail goes to a person or an address, not to a team';
    if (action.to.kind === 'user') {
      const users = recordTypeOf('user');
      const u = users ? (await users.load(db, [action.to.userId])).get(action.to.userId) : undefined;
      if (users && !u) return 'The recipient is not a user of Kontor';
      if (u && u.active === false) return `${String(u.name ?? 'The recipient')} is inactive`;
    }
    const known = new Set(rootType ? recordFields(rootType).map((f) => f.path) : []);
    const texts = [template.subject_de, template.body_de, template.subject_en, template.body_en];
    const unknown = [
      ...new Set(texts.flatMap(templateVariables).filter((v) => !known.has(v) && !v.startsWith('event.'))),
    ];
    return unknown.length
      ? `The template "${template.name}" uses variables this trigger does not have: ${unknown.map((v) => `{{${v}}}`).join(', ')}`
      : null;
  },
  async describe(ctx, action) {
    const template = await findEmailTemplate(ctx.db, action.templateId);
    const addressee = await recipientAddress(ctx.db, action.to, ctx.root, ctx.scope);
    if (!template) return { description: 'E-Mail senden', problem: 'Die E-Mail-Vorlage gibt es nicht mehr' };
    if ('problem' in addressee) {
      return { description: `E-Mail „${template.name}“ senden`, problem: addressee.problem.de };
    }
    const to = addressee.to;
    const subject = ctx.render(to.locale === 'en' ? template.subject_en : template.subject_de, to.locale);
    return {
      description: `E-Mail „${subject}“ an ${to.name} <${to.email}> senden (${to.locale})`,
      problem: null,
    };
  },
  async execute(ctx, action) {
    const template = await findEmailTemplate(ctx.trx, action.templateId);
    if (!template) throw new Error('The e-mail template does not exist (any more)');
    const addressee = await recipientAddress(ctx.trx, action.to, ctx.root, ctx.scope);
    if ('problem' in addressee) throw new Error(addressee.problem.en);
    const to = addressee.to;
    const en = to.locale === 'en';
    const mailId = await queueMail(ctx.trx, ctx.clock, {
      to: to.email,
      subject: ctx.render(en ? template.subject_en : template.subject_de, to.locale),
      text: ctx.render(en ? template.body_en : template.body_de, to.locale),
    });
    return { entityType: 'mail', entityId: mailId, label: to.email };
  },
};

/** wait: the engine handles it (the next actions are due later); it does nothing itself. */
export const waitAction: ActionImpl<'wait'> = {
  kind: 'wait',
  recordTypes: 'any',
  async describe(_ctx, action) {
    const m = action.minutes;
    const text =
      m % 1440 === 0 ? `${m / 1440} Tag(e)` : m % 60 === 0 ? `${m / 60} Stunde(n)` : `${m} Minute(n)`;
    return { description: `${text} warten`, problem: null };
  },
  async execute() {
    return null;
  },
};
