/** GitHub's page size when a client names none, and the most it gives on one page. */
export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  /** GitHub's `Link` header (`<…page=2>; rel="next", <…page=5>; rel="last"`); absent on a single page. */
  link?: string;
}

/**
 * One page of a list as GitHub cuts it: `per_page` (capped at 100) and `page` from 1, with a `Link`
 * header whose URLs repeat the request's other parameters.
 */
export function paginate<T>(all: T[], query: { page?: unknown; per_page?: unknown }, requestUrl: URL): Page<T> {
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, typeof query.per_page === 'number' ? query.per_page : DEFAULT_PER_PAGE));
  const page = Math.max(1, typeof query.page === 'number' ? query.page : 1);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  if (last === 1) return { items };
  const at = (n: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return `<${url.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  return { items, link: links.join(', ') };
}
