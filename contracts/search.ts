import { z } from 'zod';
import { Id } from './common';

/** What the global search finds. */
export const SEARCH_TYPES = ['company', 'contact', 'deal'] as const;
export const SearchType = z.enum(SEARCH_TYPES);
export type SearchType = z.infer<typeof SearchType>;

export const SEARCH_MAX_LIMIT = 50;

export const SearchQuery = z.object({
  /**
   * Words to find, each as the beginning of a word ("mül bau" finds "Müller Bau GmbH"); all words must
   * match. Case and accents do not matter, and German umlauts match both spellings ("muller",
   * "mueller" and "müller" find "Müller"; "strasse" finds "Straße").
   */
  q: z.string().max(200),
  /** Comma-separated: `company,contact,deal` (default: all). */
  types: z
    .string()
    .max(100)
    .optional()
    .transform((v, ctx) => {
      if (!v) return [...SEARCH_TYPES];
      const types = [...new Set(v.split(',').map((s) => s.trim()))].filter(Boolean);
      const unknown = types.filter((s) => !(SEARCH_TYPES as readonly string[]).includes(s));
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `Unknown type ${unknown.map((u) => `"${u}"`).join(', ')}; use ${SEARCH_TYPES.join(', ')}`,
        });
        return z.NEVER;
      }
      return types as SearchType[];
    }),
  limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchResult = z.object({
  type: SearchType,
  id: Id,
  /** The company's name, the contact's full name, the deal's title. */
  title: z.string(),
  /** A company's city; a contact's position and company; a deal's company. */
  subtitle: z.string().nullable(),
  /** Where the record is shown in the web app. */
  url: z.string(),
});
export type SearchResult = z.infer<typeof SearchResult>;

/** Best matches first: exact names, then names starting with the words, then by relevance. */
export const SearchResponse = z.object({ items: z.array(SearchResult) });
export type SearchResponse = z.infer<typeof SearchResponse>;

/** Where the web app shows a record of a type. */
export function searchResultUrl(type: SearchType, id: string): string {
  switch (type) {
    case 'company':
      return `/companies/${id}`;
    case 'contact':
      return `/contacts/${id}`;
    case 'deal':
      return `/deals/${id}`;
  }
}
