import { describe, expect, it } from 'vitest';
import { addressedOrigin, isCrossOriginWrite } from './origin';

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

describe('addressedOrigin (the base of links handed to people)', () => {
  it.each([
    [{}, 'http://127.0.0.1:3000/x', 'http://127.0.0.1:3000'],
    [{ host: 'books.example' }, 'http://127.0.0.1:3000/x', 'http://books.example'],
    [{ host: 'internal', 'x-forwarded-host': 'books.example', 'x-forwarded-proto': 'https' }, 'http://internal/x', 'https://books.example'],
    [{ host: 'books.example', 'x-forwarded-proto': 'gopher' }, 'https://books.example/x', 'https://books.example'],
    [{ host: 'Books.Example:8443' }, undefined, 'http://books.example:8443'],
  ])('%o at %s → %s', (headers, url, expected) => {
    expect(addressedOrigin(new Headers(headers), url)).toBe(expected);
  });
});
