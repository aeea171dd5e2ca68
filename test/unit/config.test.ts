/** The configuration schema: process roles (ROLE). */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

describe('ROLE', () => {
  it('runs everything in one process by default', () => {
    expect(loadConfig({}).roles).toEqual({ api: true, engine: true, workers: true });
    expect(loadConfig({ ROLE: 'all' }).roles).toEqual({ api: true, engine: true, workers: true });
  });

  it('takes a comma-separated list of parts', () => {
    expect(loadConfig({ ROLE: 'api' }).roles).toEqual({ api: true, engine: false, workers: false });
    expect(loadConfig({ ROLE: 'engine, workers' }).roles).toEqual({ api: false, engine: true, workers: true });
  });

  it('refuses an unknown part and names the variable', () => {
    expect(() => loadConfig({ ROLE: 'api,scheduler' })).toThrow(ConfigError);
    try {
      loadConfig({ ROLE: 'api,scheduler' });
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([expect.stringMatching(/^ROLE: must be all, or a comma-separated list of api, engine, workers/)]);
    }
    expect(() => loadConfig({ ROLE: ',' })).toThrow(ConfigError);
  });

  it('takes a password-hash cost below 14 only for the test suites', () => {
    expect(loadConfig({}).passwordHashCost).toBe(16);
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: '10' }).passwordHashCost).toBe(10);
    for (const NODE_ENV of ['production', 'development']) {
      expect(() => loadConfig({ NODE_ENV, PASSWORD_HASH_COST: '13' })).toThrow(/PASSWORD_HASH_COST: at least 14/);
    }
    expect(() => loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: '9' })).toThrow(ConfigError);
  });
});
