import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress } from './client-address';

describe('clientAddress', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress({ peer: '203.0.113.9', forwardedFor: '198.51.100.1', trustedProxies: [] })).toBe('203.0.113.9');
  });

  it('is the right-most untrusted forwarded address behind a trusted proxy', () => {
    const options = { peer: '::ffff:10.0.0.2', trustedProxies: ['10.0.0.2', '10.0.0.3'] };
    expect(clientAddress({ ...options, forwardedFor: '198.51.100.1' })).toBe('198.51.100.1');
    // The client wrote the first entry itself; the proxies appended the real one.
    expect(clientAddress({ ...options, forwardedFor: '1.2.3.4, 198.51.100.1, 10.0.0.3' })).toBe('198.51.100.1');
    expect(clientAddress({ ...options, forwardedFor: ['1.2.3.4', '198.51.100.7'] })).toBe('198.51.100.7');
  });

  it('falls back to the proxy itself when nothing was forwarded', () => {
    expect(clientAddress({ peer: '10.0.0.2', forwardedFor: undefined, trustedProxies: ['10.0.0.2'] })).toBe('10.0.0.2');
    expect(clientAddress({ peer: undefined, forwardedFor: '1.2.3.4', trustedProxies: [] })).toBeNull();
  });

  it('spells IPv4-mapped IPv6 as IPv4', () => {
    expect(normalizeAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeAddress('2001:db8::1')).toBe('2001:db8::1');
  });
});
