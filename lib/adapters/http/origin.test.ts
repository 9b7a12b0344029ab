import { describe, expect, it } from 'vitest';
import { isCrossOriginWrite } from './origin';

const request = (method: string, headers: Record<string, string>, url = 'http://books.example/orgs/x/import/upload') =>
  new Request(url, { method, headers });

describe('isCrossOriginWrite', () => {
  it('lets reads through whatever their origin', () => {
    expect(isCrossOriginWrite(request('GET', { origin: 'https://evil.example' }))).toBe(false);
  });

  it.each([
    [{ origin: 'http://books.example' }, false],
    [{ origin: 'HTTP://Books.Example' }, false],
    [{}, false],
    [{ origin: 'https://evil.example' }, true],
    [{ origin: 'http://books.example:8080' }, true],
    [{ origin: 'http://sub.books.example' }, true],
    [{ origin: 'null' }, true],
    [{ origin: '' }, true],
    [{ 'sec-fetch-site': 'cross-site' }, true],
    [{ 'sec-fetch-site': 'same-origin' }, false],
  ])('POST with %o → cross-origin %s', (headers, expected) => {
    expect(isCrossOriginWrite(request('POST', headers))).toBe(expected);
  });

  it('compares with the host the client addressed: X-Forwarded-Host, then Host', () => {
    const internal = 'http://127.0.0.1:3000/orgs/x/import/upload';
    expect(isCrossOriginWrite(request('POST', { origin: 'https://books.example', 'x-forwarded-host': 'books.example' }, internal))).toBe(
      false,
    );
    expect(isCrossOriginWrite(request('POST', { origin: 'https://books.example', host: 'books.example' }, internal))).toBe(false);
    expect(isCrossOriginWrite(request('POST', { origin: 'https://books.example' }, internal))).toBe(true);
  });
});
