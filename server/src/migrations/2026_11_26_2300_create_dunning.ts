import { type Kysely, sql } from 'kysely';

/**
 * Dunning (Mahnwesen): the levels an unpaid invoice goes through after its due date (payment
 * reminder, 1st and 2nd dunning notice, final notice), the settings for default interest (§288 BGB:
 * base rate + 9 points B2B, + 5 points B2C) and one notice per invoice and level — the unique
 * (invoice_id, level) makes the due sweep's dunning exactly-once in effect: a second run, a second
 * worker or a rerun after a crash cannot write a level (or its letter) twice.
 *
 * Invoices learn their current level, the day of the last notice, a dunning block (a person stops
 * dunning, e.g. while a complaint is open) and whether the buyer is a consumer (B2C: +5 points, no
 * €40 lump sum).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await ensureOverdueColumns(db);
  await db.schema
    .createTable('dunning_settings')
    /** Always 1: one row per installation. */
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    /** The Basiszinssatz (§247 BGB) in hundredths of a percent: 1.27 % = 127; may be negative. */
    .addColumn('base_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dunning_levels')
    /** 1 = payment reminder … 4 = final notice. */
    .addColumn('level', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    /** Reached this many days after the due date (strictly increasing by level). */
    .addColumn('days_after_due', 'integer', (c) => c.notNull())
    /** The new payment deadline printed on the letter: notice date + this many days. */
    .addColumn('payment_days', 'integer', (c) => c.notNull())
    .addColumn('fee_cents', 'bigint', (c) => c.notNull())
    .addColumn('charge_interest', 'integer', (c) => c.notNull())
    /** The €40 lump sum of §288 (5) BGB, B2B only, charged once per invoice. */
    .addColumn('charge_lump_sum', 'integer', (c) => c.notNull())
    .addColumn('letter_text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  const now = new Date().toISOString();
  await db
    .insertInto('dunning_settings' as never)
    .values({ id: 1, enabled: 1, base_rate_bp: 127, updated_at: now, version: 1 } as never)
    .execute();
  const levels = [
    [
      1,
      'Zahlungserinnerung',
      7,
      10,
      0,
      0,
      0,
      'sicher ist Ihnen im Tagesgeschäft entgangen, dass die folgende Rechnung noch offen ist. Bitte überweisen Sie den offenen Betrag bis zum genannten Datum. Sollten Sie bereits gezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.',
    ],
    [
      2,
      '1. Mahnung',
      21,
      10,
      0,
      1,
      1,
      'leider konnten wir bis heute keinen Zahlungseingang für die folgende Rechnung feststellen. Wir bitten Sie, den offenen Betrag einschließlich Verzugszinsen und Verzugspauschale bis zum genannten Datum zu überweisen.',
    ],
    [
      3,
      '2. Mahnung',
      35,
      7,
      500,
      1,
      1,
      'trotz unserer Mahnung ist die folgende Rechnung weiterhin unbezahlt. Wir fordern Sie auf, den Gesamtbetrag bis zum genannten Datum zu überweisen.',
    ],
    [
      4,
      'Letzte Mahnung',
      49,
      7,
      500,
      1,
      1,
      'dies ist unsere letzte Mahnung. Geht der Gesamtbetrag nicht bis zum genannten Datum bei uns ein, werden wir die Forderung ohne weitere Ankündigung gerichtlich geltend machen oder einem Inkassounternehmen übergeben.',
    ],
  ] as const;
  for (const [level, name, daysAfterDue, paymentDays, feeCents, interest, lumpSum, text] of levels) {
    await db
      .insertInto('dunning_levels' as never)
      .values({
        level,
        name,
        days_after_due: daysAfterDue,
        payment_days: paymentDays,
        fee_cents: feeCents,
        charge_interest: interest,
        charge_lump_sum: lumpSum,
        letter_text: text,
        updated_at: now,
      } as never)
      .execute();
  }

  await db.schema
    .createTable('dunning_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    /** A copy: renaming a level later does not change a letter that was sent. */
    .addColumn('level_name', 'text', (c) => c.notNull())
    .addColumn('letter_text', 'text', (c) => c.notNull())
    /** The business date the sweep ran as of (the letter's date). */
    .addColumn('notice_date', 'text', (c) => c.notNull())
    .addColumn('payment_deadline', 'text', (c) => c.notNull())
    .addColumn('days_overdue', 'integer', (c) => c.notNull())
    .addColumn('open_cents', 'bigint', (c) => c.notNull())
    .addColumn('fee_cents', 'bigint', (c) => c.notNull())
    /** Hundredths of a percent a year (base rate + 9 or + 5 points); 0 when the level charges none. */
    .addColumn('interest_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('interest_cents', 'bigint', (c) => c.notNull())
    .addColumn('lump_sum_cents', 'bigint', (c) => c.notNull())
    /** open + fees of this and earlier notices + interest + lump sum. */
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dunning_notices_invoice_level', ['invoice_id', 'level'])
    .execute();
  await db.schema
    .createIndex('dunning_notices_date')
    .on('dunning_notices')
    .columns(['notice_date', 'id'])
    .execute();

  await db.schema
    .alterTable('invoices')
    .addColumn('dunning_level', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('invoices').addColumn('last_dunned_on', 'text').execute();
  await db.schema
    .alterTable('invoices')
    .addColumn('dunning_blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('invoices')
    .addColumn('buyer_is_consumer', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The dunning step of the due sweep: open, overdue invoices by level and due date.
  await db.schema
    .createIndex('invoices_dunning')
    .on('invoices')
    .columns(['dunning_level', 'due_date', 'id'])
    .where(sql<boolean>`status = 'issued' and overdue_at is not null`)
    .execute();
}

/**
 * `overdue_at` / `overdue_since` were added to 2026_11_26_2200_create_billing after that migration
 * had already run on some databases: those lack the columns (and the dunning index below needs
 * them), so they are added here when missing. A migration that ran is never run again.
 */
async function ensureOverdueColumns(db: Kysely<unknown>): Promise<void> {
  const invoices = (await db.introspection.getTables()).find((t) => t.name === 'invoices');
  const has = new Set(invoices?.columns.map((c) => c.name) ?? []);
  for (const column of ['overdue_at', 'overdue_since']) {
    if (!has.has(column)) await db.schema.alterTable('invoices').addColumn(column, 'text').execute();
  }
}
