// The e2e server and the benchmarks create users with fixed, published passwords. On the
// embedded PostgreSQL they start themselves that is harmless (the database lives and dies
// with them); on whatever DATABASE_URL points at — a staging or production database — it
// would be a backdoor. So they refuse, unless told explicitly that the database is a
// disposable test one.

export const ALLOW_TEST_USERS = 'CLOSEBOOK_ALLOW_TEST_USERS';

/** Why `purpose` may not create fixed-password users here, or null when it may. */
export function testUsersRefusal(purpose: string, env: Record<string, string | undefined> = process.env): string | null {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl || env[ALLOW_TEST_USERS] === '1') return null;
  let where = 'a configured database';
  try {
    const url = new URL(databaseUrl);
    where = `${url.host}${url.pathname}`;
  } catch {
    // not a URL: say nothing of it
  }
  return [
    `${purpose} creates users with fixed passwords, and DATABASE_URL points at a database it did not start (${where}).`,
    `Unset DATABASE_URL to run it on its own embedded PostgreSQL, or set ${ALLOW_TEST_USERS}=1 if that database is a disposable test one.`,
  ].join('\n');
}
