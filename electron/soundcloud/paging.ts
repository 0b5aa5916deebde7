// Follows a linked-partitioning list (`collection` + `next_href`) to its end, within a page budget.
import { z } from 'zod';
import { parse } from './answers';

/** No list is followed further than this many pages, whatever next_href says. */
export const MAX_PAGES = 200;

const pageSchema = z.object({
  collection: z.array(z.unknown()),
  next_href: z.string().nullish(),
});

type Page = z.infer<typeof pageSchema>;

export interface PagingOptions<T> {
  /** The first page's URL. */
  first: string;
  /** Fetches a page: the first URL, or a next_href as SoundCloud gave it (the caller checks and completes it). */
  fetchPage: (url: string) => Promise<unknown>;
  /** Reads one item of a page (a track, or the reason it cannot be had). */
  item: (raw: unknown) => T;
  /** At most this many items are taken. */
  cap: number;
  /** The `limit` asked for, to size the budget. */
  pageSize: number;
}

/**
 * Enough pages for `cap` items twice over, and some: SoundCloud applies `limit` before it filters out
 * private, removed and blocked items, so pages come back short or empty.
 */
export function pageBudget(cap: number, pageSize: number): number {
  return Math.min(MAX_PAGES, 2 * Math.ceil(cap / Math.max(1, pageSize)) + 10);
}

/**
 * Every item, page after page, until next_href is absent, `cap` items are had, the budget is spent, or a
 * next_href comes round again. An empty page is not the end: only a missing next_href is.
 */
export async function collectPages<T>(options: PagingOptions<T>): Promise<T[]> {
  const { fetchPage, item, cap } = options;
  const budget = pageBudget(cap, options.pageSize);
  const results: T[] = [];
  const seen = new Set<string>();
  let next: string | null = options.first;
  for (let pages = 0; next !== null && results.length < cap && pages < budget; pages++) {
    if (seen.has(next)) break;
    seen.add(next);
    const page: Page = parse(pageSchema, await fetchPage(next));
    for (const raw of page.collection.slice(0, cap - results.length)) results.push(item(raw));
    next = page.next_href || null;
  }
  return results;
}
