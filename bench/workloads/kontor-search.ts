import type { NamePools } from '../generators/pools';
import { makeRng } from '../generators/pools';
import type { BenchConfig } from '../support/config';
import { type LoadResult, runLoad } from '../support/load';
import { fetchJson } from './kontor-api';

/** Spellings people type for a name with umlauts: as written, accent-free, spelled out. */
function umlautSpellings(word: string): string[] {
  const lower = word.toLowerCase();
  return [
    lower,
    lower.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss'),
    lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss'),
  ];
}

/** The first `len` characters (at least 2), as someone typing into the search box has them. */
const prefix = (word: string, len: number) => word.slice(0, Math.max(2, Math.min(word.length, len)));

/**
 * What people type into the search box, from the pools the data was made of (fixed seed):
 * prefixes of last names (2–7 characters; a fifth of them names with umlauts, in all three
 * spellings), first name plus the beginning of a last name, trade words, product words of deal
 * titles, a name plus a trade ("müller masch"), and a few whole names.
 */
export function searchQueries(pools: NamePools, seed: number, count = 240): string[] {
  const rng = makeRng(seed ^ 0x5ea);
  const queries: string[] = [];
  const lastName = () => rng.pick(pools.lastNames).split(/[ -]/)[0]!;
  while (queries.length < count) {
    const r = rng.next();
    if (r < 0.3) {
      queries.push(prefix(lastName(), rng.between(3, 7)));
    } else if (r < 0.38) {
      queries.push(prefix(lastName(), 2));
    } else if (r < 0.55 && pools.umlautLastNames.length) {
      const name = rng.pick(pools.umlautLastNames).split(/[ -]/)[0]!;
      const spelling = rng.pick(umlautSpellings(name));
      queries.push(prefix(spelling, rng.between(3, spelling.length)));
    } else if (r < 0.68) {
      queries.push(`${rng.pick(pools.firstNames)} ${prefix(lastName(), rng.between(2, 5))}`);
    } else if (r < 0.78) {
      queries.push(prefix(rng.pick(pools.trades), rng.between(4, 10)).toLowerCase());
    } else if (r < 0.86) {
      queries.push(prefix(rng.pick(pools.products), rng.between(4, 9)));
    } else if (r < 0.94) {
      queries.push(`${lastName()} ${prefix(rng.pick(pools.trades), rng.between(3, 6)).toLowerCase()}`);
    } else {
      queries.push(lastName());
    }
  }
  return queries;
}

const searchPath = (q: string) => `/api/search?q=${encodeURIComponent(q)}`;

/**
 * (5) `GET /api/search?q=` under load with the session cookie (admin: every record is visible),
 * cycling through the queries; latencies per response for the 95th percentile.
 */
export async function searchLatency(
  cfg: Pick<BenchConfig, 'duration' | 'warmup' | 'connections'>,
  baseUrl: string,
  cookie: string,
  queries: readonly string[],
): Promise<LoadResult> {
  return runLoad({
    url: `${baseUrl}/`,
    ...cfg,
    headers: { cookie },
    paths: queries.map(searchPath),
    exactLatencies: true,
  });
}

/** Each query once: how many find something (the load test would not notice empty answers). */
export async function checkSearchQueries(
  baseUrl: string,
  cookie: string,
  queries: readonly string[],
): Promise<{ withHits: number; queries: number }> {
  let withHits = 0;
  for (const q of queries) {
    const res = await fetchJson<{ items: unknown[] }>(baseUrl + searchPath(q), cookie);
    if (res.items.length) withHits++;
  }
  return { withHits, queries: queries.length };
}
