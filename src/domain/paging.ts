/**
 * Paging for lists that can grow without bound (the inbox, the instance list): a page is read
 * as pageSize + 1 rows (the extra one says whether there is a next page), and the total is
 * counted only up to COUNT_AHEAD rows past the page's first row. An exact count(*) of years of
 * history reads every row and was the slow part of every list (issue 12 point 4); past the cap
 * the answer says "more than" it (`totalExact: false`; the web shows "fler än …"). A deep page
 * reads its offset anyway, so counting from it costs what the page costs.
 */
import type { Knex } from 'knex';
import type { Db } from '../db/index.js';

/** How many rows past a page's first row a list's total is counted (four pages of 25). */
const COUNT_AHEAD = 100;

/** A page of a list, with its total counted up to COUNT_CAP. */
export interface Paged<T> {
  items: T[];
  /** The number of rows, or the cap (offset + COUNT_AHEAD) when there are more: then `totalExact` is false. */
  total: number;
  /** False when `total` is the cap and there are more rows than that. */
  totalExact: boolean;
  /** Whether a page follows this one. */
  hasMore: boolean;
  page: number;
  pageSize: number;
}

/** The cap of the total for a page: COUNT_AHEAD rows past its first row. */
export const countCap = (page: number, pageSize: number): number => (page - 1) * pageSize + COUNT_AHEAD;

/** Counts the rows of `q` (its select and order are dropped) up to `cap`. */
export async function cappedCount(db: Db, q: Knex.QueryBuilder, cap: number): Promise<{ total: number; totalExact: boolean }> {
  const rows = q
    .clone()
    .clearSelect()
    .clearOrder()
    .select(db.raw('1'))
    .limit(cap + 1);
  const n = Number((await db.from(rows.as('c')).count({ n: '*' }).first<{ n: number | string } | undefined>())?.n ?? 0);
  return n > cap ? { total: cap, totalExact: false } : { total: n, totalExact: true };
}

/** Splits the pageSize + 1 rows read for a page into its items and whether more follow. */
export function pageOf<R>(rows: R[], pageSize: number): { rows: R[]; hasMore: boolean } {
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}
