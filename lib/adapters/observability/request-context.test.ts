import { describe, expect, it } from 'vitest';
import { acceptRequestId, currentRequestId, requestIdFor, runWithRequestContext } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('accepting an incoming X-Request-Id', () => {
  it.each([
    ['a UUID', '3f1c2a9e-6b7d-4c1e-9a2b-0d4e5f6a7b8c'],
    ['a ULID', '01HZX3K5T9M2N7P4Q8R6S0V1W3'],
    ['a proxy trace ID with dots and colons', 'edge-1:req.42_a'],
    ['one character', 'x'],
    ['128 characters', 'a'.repeat(128)],
  ])('keeps %s', (_name, id) => {
    expect(acceptRequestId(id)).toBe(id);
    expect(requestIdFor(id)).toBe(id);
  });

  it.each([
    ['an empty header', ''],
    ['129 characters', 'a'.repeat(129)],
    ['spaces', 'two words'],
    ['a forged log line', 'abc\n{"level":"info"}'],
    ['quotes', 'a"b'],
    ['a semicolon list', 'a;b'],
    ['non-ASCII', 'réq'],
  ])('refuses %s and generates a UUID instead', (_name, id) => {
    expect(acceptRequestId(id)).toBeNull();
    expect(requestIdFor(id)).toMatch(UUID);
  });

  it('generates one when there is no header, or the header is repeated', () => {
    expect(requestIdFor(undefined)).toMatch(UUID);
    expect(requestIdFor(null)).toMatch(UUID);
    expect(requestIdFor(['a', 'b'])).toMatch(UUID);
    expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
  });
});

describe('the request context', () => {
  it('is visible to everything the request awaits, and only there', async () => {
    expect(currentRequestId()).toBeNull();
    const seen = await runWithRequestContext({ requestId: 'req-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentRequestId();
    });
    expect(seen).toBe('req-1');
    expect(currentRequestId()).toBeNull();
  });
});
