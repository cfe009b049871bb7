import { describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy } from './config.ts';

describe('TEPAT_TRUST_PROXY', () => {
  it('trusts no proxy unless told to', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
  });

  it("reads 'true' as a proxy on the same machine, never as everyone", () => {
    expect(parseTrustProxy('true')).toEqual(['loopback']);
  });

  it('reads a list of proxy addresses and networks', () => {
    expect(loadConfig({ TEPAT_TRUST_PROXY: ' 10.0.0.5, 10.1.0.0/16 ' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
    ]);
  });
});
