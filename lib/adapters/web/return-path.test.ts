import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it.each([
    ['/invitations/cbi_abc', '/invitations/cbi_abc'],
    ['/orgs/x/members?tab=1', '/orgs/x/members?tab=1'],
    ['//evil.example/x', '/orgs'],
    ['/\\evil.example', '/orgs'],
    ['https://evil.example/', '/orgs'],
    ['/ok\n/x', '/orgs'],
    ['', '/orgs'],
    [undefined, '/orgs'],
    [['/a'], '/orgs'],
  ])('%j → %s', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});
