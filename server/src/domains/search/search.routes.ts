import { Problem } from '../../../../contracts/common';
import type { Permission } from '../../../../contracts/permissions';
import { SearchQuery, SearchResponse, type SearchType, searchResultUrl } from '../../../../contracts/search';
import type { AppContext } from '../../platform/context';
import { actorOf, hasPermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { searchIndex } from '../../platform/search/search-query';

/** The permission that lets a role see records of a type at all (which ones: owner / team scope). */
const READ_PERMISSION: Record<SearchType, Permission> = {
  company: 'companies.read',
  contact: 'companies.read',
  deal: 'deals.read',
};

export function searchRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Find companies, contacts and deals you can see',
        description:
          'Every word of `q` must match the beginning of a word of the record (name, legal name, city, website, VAT ID, tags of companies; name, e-mail addresses, phone numbers and company of contacts; title and company of deals). Case and accents do not matter, and umlauts match both spellings: `muller`, `mueller` and `müller` find "Müller", `strasse` finds "Straße". Search syntax is not interpreted: quotes, `*`, `-`, `:` are word separators. Best matches first: exact names, names starting with the words, then by relevance. Merged duplicates are not found.',
        querystring: SearchQuery,
        response: { 200: SearchResponse, 400: Problem },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { q, types, limit } = request.query;
      // Role and, for an API token, its scopes.
      const allowed = types.filter((t) => hasPermission(request, READ_PERMISSION[t]));
      const hits = await searchIndex(ctx.db, actor, { q, types: allowed, limit });
      return {
        items: hits.map((h) => ({
          type: h.type,
          id: h.id,
          title: h.title,
          subtitle: [h.subtitle, h.parentName].filter(Boolean).join(' · ') || null,
          url: searchResultUrl(h.type, h.id),
        })),
      };
    },
  );
}
