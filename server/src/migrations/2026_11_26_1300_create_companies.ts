import type { Kysely } from 'kysely';

/**
 * Companies domain: market segments, companies (with tags and notes), contacts (with their e-mail
 * addresses as rows, for duplicate checks and search). Merged duplicates stay as rows with
 * `merged_into_id`; nothing is hard-deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    /** lower(trim(name)): segment names are unique regardless of case; CSV imports upsert by it. */
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('industry', 'text')
    .addColumn('region', 'text')
    .addColumn('size_class', 'text')
    .addColumn('market_companies', 'bigint')
    .addColumn('potential_revenue_cents', 'bigint')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('segments_name').on('segments').columns(['name', 'id']).execute();

  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    /** The name normalised for duplicate detection (lower case, no legal form, umlauts spelled out). */
    .addColumn('name_key', 'text', (c) => c.notNull())
    /** First two characters of name_key: the bucket searched for similar names (equality, any collation). */
    .addColumn('name_prefix', 'text', (c) => c.notNull())
    .addColumn('legal_name', 'text')
    .addColumn('legal_name_key', 'text')
    .addColumn('role_customer', 'integer', (c) => c.notNull())
    .addColumn('role_prospect', 'integer', (c) => c.notNull())
    .addColumn('role_supplier', 'integer', (c) => c.notNull())
    .addColumn('role_partner', 'integer', (c) => c.notNull())
    .addColumn('street', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('industry', 'text')
    .addColumn('segment_id', 'text', (c) => c.references('segments.id'))
    .addColumn('employees', 'integer')
    .addColumn('revenue_band', 'text')
    .addColumn('website', 'text')
    .addColumn('web_domain', 'text')
    .addColumn('vat_id', 'text')
    .addColumn('iban', 'text')
    .addColumn('bic', 'text')
    .addColumn('payment_terms_days', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('team_id', 'text')
    /** JSON array; company_tags holds the same tags as rows for filtering. */
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('companies.id'))
    .addColumn('merged_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  const companyIndexes: Array<[string, string[]]> = [
    ['companies_name', ['name', 'id']],
    ['companies_city', ['city', 'id']],
    ['companies_created', ['created_at', 'id']],
    ['companies_updated', ['updated_at', 'id']],
    ['companies_owner', ['owner_id', 'id']],
    ['companies_team', ['team_id', 'id']],
    ['companies_segment', ['segment_id', 'id']],
    ['companies_vat', ['vat_id']],
    ['companies_web_domain', ['web_domain']],
    ['companies_name_key', ['name_key']],
    ['companies_name_prefix', ['name_prefix']],
    ['companies_legal_name_key', ['legal_name_key']],
    ['companies_merged_into', ['merged_into_id']],
    ['companies_iban', ['iban']],
  ];
  for (const [name, columns] of companyIndexes) {
    await db.schema.createIndex(name).on('companies').columns(columns).execute();
  }

  await db.schema
    .createTable('company_tags')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('company_tags_pk', ['company_id', 'tag'])
    .execute();
  await db.schema.createIndex('company_tags_tag').on('company_tags').columns(['tag', 'company_id']).execute();

  await db.schema
    .createTable('company_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('company_notes_company')
    .on('company_notes')
    .columns(['company_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('position', 'text')
    /** JSON [{ address, label }]; the first is the primary address. */
    .addColumn('emails', 'text', (c) => c.notNull())
    .addColumn('primary_email', 'text')
    /** JSON [{ number, label }] */
    .addColumn('phones', 'text', (c) => c.notNull())
    .addColumn('preferred_language', 'text', (c) => c.notNull())
    .addColumn('email_consent', 'integer', (c) => c.notNull())
    .addColumn('consent_at', 'text')
    .addColumn('opt_out', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('merged_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  const contactIndexes: Array<[string, string[]]> = [
    ['contacts_company', ['company_id', 'last_name', 'id']],
    ['contacts_last_name', ['last_name', 'id']],
    ['contacts_first_name', ['first_name', 'id']],
    ['contacts_created', ['created_at', 'id']],
    ['contacts_updated', ['updated_at', 'id']],
    ['contacts_merged_into', ['merged_into_id']],
  ];
  for (const [name, columns] of contactIndexes) {
    await db.schema.createIndex(name).on('contacts').columns(columns).execute();
  }

  await db.schema
    .createTable('contact_emails')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    /** Lower case. */
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_emails_pk', ['contact_id', 'address'])
    .execute();
  await db.schema.createIndex('contact_emails_address').on('contact_emails').column('address').execute();
  await db.schema.createIndex('contact_emails_domain').on('contact_emails').column('domain').execute();
}
