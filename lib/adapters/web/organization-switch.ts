// Where the organization switcher goes: the same section of the other organization, with
// the query parameters that mean the same there (the period, the fiscal year, a date range,
// a report view). A record of the old organization (an entry) is not: the section's list.
// Pure, so the browser's switcher and its tests share it.

const KEPT_PARAMETERS = ['period', 'year', 'view', 'from', 'to'] as const;

/** Sections whose second segment is a page of its own, not the ID of a record. */
const SUBPAGES = new Set(['entries/new']);

export function switchOrganizationHref(pathname: string, search: string, organizationId: string): string {
  const base = `/orgs/${encodeURIComponent(organizationId)}`;
  const match = /^\/orgs\/[^/]+(?:\/([^/]+))?(?:\/([^/]+))?/.exec(pathname);
  if (!match) return base;
  const [, section, page] = match;
  const path = section ? (page && SUBPAGES.has(`${section}/${page}`) ? `/${section}/${page}` : `/${section}`) : '';
  const from = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const name of KEPT_PARAMETERS) {
    const value = from.get(name);
    if (value) kept.set(name, value);
  }
  const query = kept.toString();
  return `${base}${path}${query ? `?${query}` : ''}`;
}
