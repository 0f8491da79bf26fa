import { escapeLike } from '../../core/crud';

/**
 * What the list's `q` reads, exactly the expression of the trigram index IDX_complaint_search_trgm
 * (migration 1796701100000): tracking code, title, description and the reporter's name unless the
 * reporter is anonymous. Lines apart, so a match never spans two fields (`q` loses its line breaks).
 */
export const SEARCH_TEXT = `(c."trackingCode" || E'\\n' || c.title || E'\\n' || c.description || E'\\n' || CASE WHEN c.anonymous THEN '' ELSE coalesce(c."reporterName", '') END)`;

/** A tracking code or the start of one, as printed on the receipt (MGL-2611-00042): looked up by its prefix. */
const TRACKING_CODE = /^[A-Z]{2,6}-\d{2,4}(-[A-Z0-9]*)?$/i;

/**
 * The condition for `q`. `identity`, when given, is the SQL condition under which the viewer may
 * see an anonymous reporter (ComplaintPolicy.identitySql): only then is such a name searched, so a
 * search can never tell anyone else who reported.
 */
export function searchSql(q: string, p: (v: unknown) => string, identitySql: () => string | null): string {
  const text = q.replace(/[\r\n]+/g, ' ').trim();
  if (TRACKING_CODE.test(text)) return `c."trackingCode" LIKE ${p(`${escapeLike(text.toUpperCase())}%`)}`;
  const like = p(`%${escapeLike(text)}%`);
  const identity = identitySql();
  const anonymous = identity ? ` OR (c.anonymous AND c."reporterName" ILIKE ${like} AND ${identity})` : '';
  return `(${SEARCH_TEXT} ILIKE ${like}${anonymous})`;
}
