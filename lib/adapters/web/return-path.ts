// Where the sign-in page sends someone back to (`/login?next=/join`). Only a path of this
// site: anything else (another host, "//host", "/\host" which browsers read as a host, or
// a control character a browser would strip to make one) would make sign-in an open redirect.
export function safeReturnPath(value: unknown, fallback = '/orgs'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return fallback;
  const hasControlOrBackslash = [...value].some((char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
  return hasControlOrBackslash ? fallback : value;
}
