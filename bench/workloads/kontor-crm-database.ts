import type SQLite from 'better-sqlite3';
import {
  type CompanySearchSource,
  type ContactSearchSource,
  companySearchDocument,
  contactSearchDocument,
  dealSearchDocument,
  indexDocuments,
  type SearchDocument,
} from '../../server/src/domains/search';
import { type Db, openDatabase } from '../../server/src/platform/db/database';
import { type CrmData, type CrmTimings, insertCrmData } from '../generators/crm';

export interface CrmDatabase {
  data: CrmData;
  timings: CrmTimings;
  /** Rows written into the CRM tables (companies, tags, contacts, e-mails, deals, history). */
  rows: number;
  /** Wall time of the load, index builds included (search index not included). */
  seconds: number;
  /** The search index, filled with the search domain's documents (fillSearchIndex). */
  search: { documents: number; seconds: number };
  analyzed: boolean;
}

const PAGE = 5000;

/**
 * The search index of all companies, contacts and deals, made the way Kontor makes it: the search
 * domain's document builders (`companySearchDocument` …) and the index's own writer
 * (`indexDocuments`: normalising, multi-row upserts), reading the records in pages by primary key.
 * Not `rebuildSearchIndex` itself: its page queries (`merged_into_id is null and id > ? order by
 * id`) are planned on the `*_merged_into` index without statistics, which makes the rebuild
 * quadratic (10 s for 100,000 contacts, far beyond the bench's time for a million; see the README).
 * For the load, the FTS insert trigger and the secondary indexes of `search_documents` are off and
 * built afterwards (FTS5 `rebuild`), the same index as writing through the trigger.
 */
async function fillSearchIndex(db: Db, sqlite: SQLite.Database): Promise<number> {
  const saved = sqlite
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'search_documents' AND sql IS NOT NULL
         AND ((type = 'index' AND name <> 'search_documents_entity') OR (type = 'trigger' AND name = 'search_documents_ai'))`,
    )
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
  const sources: { sql: string; toDoc: (row: never) => SearchDocument }[] = [
    {
      sql: `SELECT id, name, legal_name, city, website, vat_id, tags, owner_id, team_id
              FROM companies WHERE id > ? ORDER BY id LIMIT ${PAGE}`,
      toDoc: (r: CompanySearchSource) => companySearchDocument(r),
    },
    {
      sql: `SELECT c.id, c.first_name, c.last_name, c.position, c.emails, c.phones, c.company_id,
                   co.name AS company_name, co.owner_id AS company_owner_id, co.team_id AS company_team_id
              FROM contacts c JOIN companies co ON co.id = c.company_id WHERE c.id > ? ORDER BY c.id LIMIT ${PAGE}`,
      toDoc: (
        r: ContactSearchSource & {
          company_id: string;
          company_name: string;
          company_owner_id: string | null;
          company_team_id: string | null;
        },
      ) =>
        contactSearchDocument(r, {
          id: r.company_id,
          name: r.company_name,
          owner_id: r.company_owner_id,
          team_id: r.company_team_id,
        }),
    },
    {
      sql: `SELECT d.id, d.title, d.owner_id, d.team_id, d.company_id, co.name AS company_name
              FROM deals d JOIN companies co ON co.id = d.company_id WHERE d.id > ? ORDER BY d.id LIMIT ${PAGE}`,
      toDoc: (r: {
        id: string;
        title: string;
        owner_id: string;
        team_id: string | null;
        company_id: string;
        company_name: string;
      }) => dealSearchDocument(r, { id: r.company_id, name: r.company_name }),
    },
  ];
  let documents = 0;
  sqlite.exec('BEGIN');
  try {
    for (const o of saved) sqlite.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
    for (const source of sources) {
      const page = sqlite.prepare(source.sql);
      let after = '';
      for (;;) {
        const rows = page.all(after) as { id: string }[];
        if (rows.length === 0) break;
        await indexDocuments(
          db,
          rows.map((r) => source.toDoc(r as never)),
        );
        documents += rows.length;
        after = rows[rows.length - 1]!.id;
      }
    }
    for (const o of saved) sqlite.exec(o.sql);
    sqlite.exec(`INSERT INTO search_fts (search_fts) VALUES ('rebuild')`);
    sqlite.exec('COMMIT');
  } catch (err) {
    sqlite.exec('ROLLBACK');
    throw err;
  }
  return documents;
}

/**
 * Fills the CRM tables of the (migrated, users already inserted) Kontor database straight through
 * prepared statements, then the search index (fillSearchIndex).
 *
 * The loading connection trades safety for speed the way a bulk load may: rollback journal
 * instead of WAL (no second copy of every page), `synchronous = OFF`, a 2 GB page cache. The file
 * is back in WAL mode before the server opens it. Statistics (ANALYZE) only with `analyze`:
 * Kontor refreshes statistics only after its demo seed and large imports, so by default the server
 * plans its queries as on an installation that grew by everyday use.
 */
export async function loadCrmDatabase(
  file: string,
  opts: { rows: number; seed: number; ownerIds: readonly string[]; analyze: boolean },
): Promise<CrmDatabase> {
  const handle = openDatabase({ dialect: 'sqlite', file });
  const sqlite = handle.sqlite!;
  try {
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -2000000');
    sqlite.pragma('temp_store = MEMORY');
    const t0 = performance.now();
    const { data, timings } = insertCrmData(sqlite, opts);
    const seconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const documents = await fillSearchIndex(handle.db, sqlite);
    const search = { documents, seconds: (performance.now() - t1) / 1000 };
    if (opts.analyze) {
      for (const table of [
        'companies',
        'contacts',
        'contact_emails',
        'deals',
        'deal_stage_history',
        'search_documents',
      ]) {
        sqlite.exec(`ANALYZE ${table}`);
      }
    }
    const rows = data.companies + data.companyTags + 2 * data.contacts + data.deals + data.history;
    return { data, timings, rows, seconds, search, analyzed: opts.analyze };
  } finally {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    await handle.close();
  }
}
