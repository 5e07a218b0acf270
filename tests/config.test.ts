import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

/** Settings are checked once at start; a bad one names itself (README "Configuration"). */
describe('configuration', () => {
  it('puts the listener on LISTEN_DATABASE_URL, and refuses a transaction pooler without one', () => {
    const pooled = 'postgres://postgres@127.0.0.1:6432/showcall';
    const direct = 'postgres://postgres@127.0.0.1:5432/showcall';
    expect(loadConfig({ DATABASE_URL: pooled })).toMatchObject({ databaseUrl: pooled, listenDatabaseUrl: undefined, dbPooler: 'none' });
    expect(loadConfig({ DATABASE_URL: pooled, DB_POOLER: 'transaction', LISTEN_DATABASE_URL: direct })).toMatchObject({
      listenDatabaseUrl: direct,
      dbPooler: 'transaction',
    });
    expect(() => loadConfig({ DATABASE_URL: pooled, DB_POOLER: 'transaction' })).toThrow(/LISTEN_DATABASE_URL to a direct connection/);
    expect(() => loadConfig({ DB_POOLER: 'session' })).toThrow(ConfigError);
    expect(() => loadConfig({ LISTEN_DATABASE_URL: 'mysql://x' })).toThrow(/LISTEN_DATABASE_URL="mysql:\/\/x": must be a postgres/);
  });
});
