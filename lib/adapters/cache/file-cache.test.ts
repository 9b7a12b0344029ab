import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors';
import { problemResponse } from '../http/problem';
import { createFileCache, RENDER_RETRY_AFTER_SECONDS } from './file-cache';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('the rendered-file cache', () => {
  it('renders a file once however many ask for it at the same time (single-flight)', async () => {
    const cache = createFileCache({ maxBytes: 1_000_000 });
    const gate = deferred<string>();
    let renders = 0;
    const produce = () => {
      renders += 1;
      return gate.promise;
    };
    const asks = Array.from({ length: 200 }, () => cache.produce('etag-1', produce));
    gate.resolve('bytes');
    expect(new Set(await Promise.all(asks))).toEqual(new Set(['bytes']));
    expect(renders).toBe(1);
    expect(cache.stats().rendering).toBe(0);
  });

  it('refuses a render beyond the bound with service_unavailable, at once; joining a running one is free', async () => {
    const cache = createFileCache({ maxBytes: 1_000_000, maxRendering: 2 });
    const gate = deferred<string>();
    const first = cache.produce('a', () => gate.promise);
    const second = cache.produce('b', () => gate.promise);
    const refused = await cache.produce('c', () => Promise.resolve('c')).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).toBe('service_unavailable');
    // The answer says when to ask again: 503 with Retry-After.
    const response = problemResponse(refused);
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, String(RENDER_RETRY_AFTER_SECONDS)]);
    const joined = cache.produce('a', () => Promise.resolve('never called'));
    gate.resolve('done');
    expect(await Promise.all([first, second, joined])).toEqual(['done', 'done', 'done']);
    expect(await cache.produce('c', () => Promise.resolve('c'))).toBe('c');
  });

  it('lets a failed render be tried again', async () => {
    const cache = createFileCache({ maxBytes: 1_000_000 });
    await expect(cache.produce('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.produce('a', () => Promise.resolve('ok'))).toBe('ok');
  });

  it('keeps within its byte budget, oldest out first', () => {
    const cache = createFileCache({ maxBytes: 40 });
    cache.set('a', Buffer.alloc(10));
    cache.set('b', Buffer.alloc(10));
    cache.set('c', Buffer.alloc(10));
    cache.get('a');
    cache.set('d', Buffer.alloc(10));
    cache.set('e', Buffer.alloc(10));
    expect(cache.stats().bytes).toBeLessThanOrEqual(40);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
  });

  it('streams a file being produced to everyone who asks: earlier bytes replayed, later ones as they come, one production', async () => {
    const cache = createFileCache({ maxBytes: 1_000_000 });
    const gate = deferred<void>();
    let productions = 0;
    const first = cache.produceLive('etag-1', async (file) => {
      productions += 1;
      file.begin('etag-1');
      file.push(Buffer.from('%PDF-'));
      await gate.promise;
      file.push(Buffer.from('rest'));
    });
    expect(await first.begun).toBe('etag-1');
    const early: Buffer[] = [];
    const reading = first.pipe((chunk) => early.push(chunk));
    await Promise.resolve();
    expect(Buffer.concat(early).toString()).toBe('%PDF-');
    const joined = cache.produceLive('etag-1', () => Promise.reject(new Error('never called')));
    expect(cache.live('etag-1')).toBe(first);
    gate.resolve();
    await reading;
    expect(Buffer.concat(early).toString()).toBe('%PDF-rest');
    expect((await joined.whole()).toString()).toBe('%PDF-rest');
    expect(productions).toBe(1);
    await Promise.resolve();
    expect(cache.live('etag-1')).toBeUndefined();
  });

  it('fails every reader of a stream that breaks, and counts streams against the render bound', async () => {
    const cache = createFileCache({ maxBytes: 1_000_000, maxRendering: 1 });
    const gate = deferred<void>();
    const broken = cache.produceLive('a', async (file) => {
      file.begin('a');
      await gate.promise;
      throw new Error('thread died');
    });
    await broken.begun;
    const reading = broken.pipe(() => undefined);
    expect(() => cache.produceLive('b', () => Promise.resolve())).toThrow(/being prepared/);
    await expect(cache.produce('c', () => Promise.resolve('c'))).rejects.toThrow(/being prepared/);
    gate.resolve();
    await expect(reading).rejects.toThrow('thread died');
    await expect(cache.produceLive('d', () => Promise.reject(new Error('no document'))).begun).rejects.toThrow('no document');
  });
});
