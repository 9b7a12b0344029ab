import { describe, expect, it } from 'vitest';
import { testUsersRefusal } from './test-users';

describe('testUsersRefusal', () => {
  it('allows the embedded database (no DATABASE_URL)', () => {
    expect(testUsersRefusal('The e2e server', {})).toBeNull();
  });

  it('refuses a configured database, naming it without its password and saying how to proceed', () => {
    const refusal = testUsersRefusal('The benchmark', { DATABASE_URL: 'postgresql://app:s3cret@db.internal:5432/closebook' });
    expect(refusal).toContain('The benchmark creates users with fixed passwords');
    expect(refusal).toContain('db.internal:5432/closebook');
    expect(refusal).not.toContain('s3cret');
    expect(refusal).toContain('CLOSEBOOK_ALLOW_TEST_USERS=1');
  });

  it('allows a configured database with the explicit opt-in', () => {
    expect(testUsersRefusal('The benchmark', { DATABASE_URL: 'postgresql://localhost/test', CLOSEBOOK_ALLOW_TEST_USERS: '1' })).toBeNull();
  });
});
