import { tmpdir } from 'node:os';
import path from 'node:path';
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

describe('the data directory', () => {
  const projectRoot = path.resolve(import.meta.dirname, '..');

  it('is ./data of the checkout wherever the command runs, so a subfolder never gets an empty database of its own', () => {
    const config = loadConfig({}, path.join(projectRoot, 'src', 'cli'));
    expect(config.dataDirectory).toBe(path.join(projectRoot, 'data'));
    expect(config.projectRoot).toBe(projectRoot);
    expect(loadConfig({}, tmpdir()).dataDirectory).toBe(path.join(projectRoot, 'data'));
    expect(loadConfig({}, tmpdir()).demoRegionsFile).toBe(
      path.join(projectRoot, '..', 'shared', 'data', 'dki-kelurahan.geojson'),
    );
  });

  it('is TEPAT_DATA_DIR when set, a relative one read from the folder the command runs in', () => {
    expect(loadConfig({ TEPAT_DATA_DIR: '/srv/tepat-data' }, tmpdir()).dataDirectory).toBe('/srv/tepat-data');
    expect(loadConfig({ TEPAT_DATA_DIR: 'elsewhere' }, tmpdir()).dataDirectory).toBe(
      path.join(tmpdir(), 'elsewhere'),
    );
  });
});
