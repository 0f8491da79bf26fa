import { escapeLike } from '../../core/crud';

/**
 * What the list's `q` searches: the words (the `simple` configuration: lower-cased, no stemming) of
 * tracking code, title, description and the reporter's name unless the reporter is anonymous, kept
 * in `searchVector` by a trigger (migration 1796701170000).
 */
const SEARCH_VECTOR = `c."searchVector"`;
/** An anonymous reporter's name, as IDX_complaint_anonymous_name indexes it. */
const ANONYMOUS_NAME_VECTOR = `to_tsvector('simple', coalesce(c."reporterName", ''))`;

/** A tracking code or the start of one, as printed on the receipt (MGL-2611-00042): looked up by its prefix. */
const TRACKING_CODE = /^[A-Z]{2,6}-\d{2,4}(-[A-Z0-9]*)?$/i;

/**
 * Every word of `q`, all of them required; null when it has none. Whole words, not their starts: the
 * planner knows how common a word is (the column's statistics), not a prefix, and a rare word then
 * comes from the index instead of a walk through every complaint.
 */
export function searchQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  return words ? words.join(' & ') : null;
}

/**
 * The condition for `q`. `identitySql` gives the SQL condition under which the viewer may see an
 * anonymous reporter (ComplaintPolicy.identitySql), or null: only then is such a name searched, so
 * a search can never tell anyone else who reported.
 */
export function searchSql(q: string, p: (v: unknown) => string, identitySql: () => string | null): string {
  const text = q.trim();
  if (TRACKING_CODE.test(text)) return `c."trackingCode" LIKE ${p(`${escapeLike(text.toUpperCase())}%`)}`;
  const words = searchQuery(text);
  if (!words) return 'false';
  const query = `to_tsquery('simple', ${p(words)})`;
  const identity = identitySql();
  if (!identity) return `${SEARCH_VECTOR} @@ ${query}`;
  // Each side from its own index (an OR across the two would read every row of the scope).
  return `(c.id IN (SELECT c.id FROM complaint c WHERE ${SEARCH_VECTOR} @@ ${query}
                    UNION ALL SELECT c.id FROM complaint c WHERE c.anonymous AND ${ANONYMOUS_NAME_VECTOR} @@ ${query})
           AND (NOT c.anonymous OR ${SEARCH_VECTOR} @@ ${query} OR ${identity}))`;
}
