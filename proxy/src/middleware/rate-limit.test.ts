// Whose bucket a request counts in: its caller's address as Cloudflare's edge gives it. Without
// one, a public deployment refuses the request rather than put every such caller in one bucket.

import { describe, expect, it } from 'vitest';
import { callerKey } from './rate-limit';

describe('the caller a rate limit counts', () => {
  it('is CF-Connecting-IP when the edge set it', () => {
    expect(callerKey('203.0.113.7', true)).toBe('203.0.113.7');
    expect(callerKey('2001:db8::1', false)).toBe('2001:db8::1');
  });

  it('without it: one local bucket for local development, and no bucket at all on a public deployment', () => {
    expect(callerKey(undefined, false)).toBe('local');
    expect(callerKey(undefined, true)).toBeNull();
    expect(callerKey('', true)).toBeNull();
  });
});
