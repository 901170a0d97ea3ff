import {
  CreateEmailTemplate,
  type EmailTemplate,
  UpdateEmailTemplate,
} from '../../../../contracts/automation';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { DbOrTx } from '../../platform/db/database';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import type { AutomationEmailTemplatesTable } from './automation.tables';
import { enabledRulesMentioning } from './rules.repository';
import type { RulesDeps } from './rules.service';

/** E-mail templates of the send_email action: a subject and body per language, with `{{variables}}`. */

type Row = AutomationEmailTemplatesTable;

const toTemplate = (r: Row): EmailTemplate => ({
  id: r.id,
  name: r.name,
  subjectDe: r.subject_de,
  bodyDe: r.body_de,
  subjectEn: r.subject_en,
  bodyEn: r.body_en,
  version: r.version,
  updatedAt: r.updated_at,
});

export function findEmailTemplate(db: DbOrTx, id: string): Promise<Row | undefined> {
  return db
    .selectFrom('automation_email_templates')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** A live template by its name (names are not unique: the oldest). */
export function findEmailTemplateByName(db: DbOrTx, name: string): Promise<Row | undefined> {
  return db
    .selectFrom('automation_email_templates')
    .selectAll()
    .where('name', '=', name)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

export async function listEmailTemplates(deps: RulesDeps): Promise<{ items: EmailTemplate[] }> {
  const rows = await deps.db
    .selectFrom('automation_email_templates')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .execute();
  return { items: rows.map(toTemplate) };
}

export async function getEmailTemplate(deps: RulesDeps, id: string): Promise<EmailTemplate> {
  const row = await findEmailTemplate(deps.db, id);
  if (!row) throw notFound('email_template', id);
  return toTemplate(row);
}

export function createEmailTemplate(
  deps: RulesDeps,
  actor: Actor,
  raw: CreateEmailTemplate,
): Promise<EmailTemplate> {
  const input = CreateEmailTemplate.parse(raw);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now().toISOString();
    const row: Row = {
      id: uuidv7(),
      name: input.name,
      subject_de: input.subjectDe,
      body_de: input.bodyDe,
      subject_en: input.subjectEn,
      body_en: input.bodyEn,
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
    await trx.insertInto('automation_email_templates').values(row).execute();
    const t = toTemplate(row);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'email_template',
      entityId: row.id,
      before: null,
      after: t,
    });
    return t;
  });
}

export function updateEmailTemplate(
  deps: RulesDeps,
  actor: Actor,
  id: string,
  raw: UpdateEmailTemplate,
): Promise<EmailTemplate> {
  const input = UpdateEmailTemplate.parse(raw);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findEmailTemplate(trx, id);
    if (!before) throw notFound('email_template', id);
    if (before.version !== input.version) throw staleVersion('email_template', id);
    const after: Row = {
      ...before,
      name: input.name ?? before.name,
      subject_de: input.subjectDe ?? before.subject_de,
      body_de: input.bodyDe ?? before.body_de,
      subject_en: input.subjectEn ?? before.subject_en,
      body_en: input.bodyEn ?? before.body_en,
      version: before.version + 1,
      updated_at: deps.clock.now().toISOString(),
    };
    const r = await trx
      .updateTable('automation_email_templates')
      .set(after)
      .where('id', '=', id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw staleVersion('email_template', id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'email_template',
      entityId: id,
      before: toTemplate(before),
      after: toTemplate(after),
    });
    return toTemplate(after);
  });
}

/** Soft delete, refused while an enabled rule sends it (disable or change those rules first). */
export function deleteEmailTemplate(deps: RulesDeps, actor: Actor, id: string): Promise<void> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await findEmailTemplate(trx, id);
    if (!before) throw notFound('email_template', id);
    const users = await enabledRulesMentioning(trx, `"templateId":"${id}"`);
    if (users.length) {
      throw new AppError(
        'unprocessable',
        'automation.template_in_use',
        `The template is used by the enabled rules ${users.map((u) => `"${u.name}"`).join(', ')}; change or disable them first`,
      );
    }
    await trx
      .updateTable('automation_email_templates')
      .set({ deleted_at: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'email_template',
      entityId: id,
      before: toTemplate(before),
      after: null,
    });
  });
}
