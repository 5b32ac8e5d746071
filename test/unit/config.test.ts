import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.ts';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: 'sqlite:./data/omnihook.db',
      logLevel: 'info',
      admin: { username: 'admin' },
    });
    expect(c.admin.password).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u@db:5432/x',
      ADMIN_USERNAME: 'root',
      ADMIN_PASS: 'longenough',
      ADMIN_EMAIL: 'r@x.io',
      LOG_LEVEL: 'debug',
      EGRESS_ALLOWLIST: 'crm.lan, 10.0.0.0/8',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://u@db:5432/x',
      logLevel: 'debug',
      admin: { username: 'root', password: 'longenough', email: 'r@x.io' },
    });
    expect(c.egressAllowlist).toEqual(['crm.lan', '10.0.0.0/8']);
  });

  it('refuses bad values with a clear message', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ PORT: 'eighty' }, /PORT must be a whole number/],
      [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
      [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with sqlite: or postgres:\/\//],
      [{ DATABASE_URL: 'sqlite:' }, /needs a path/],
      [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
      [{ ADMIN_PASS: 'short' }, /at least 8 characters/],
      [{ ADMIN_EMAIL: 'nope' }, /ADMIN_EMAIL is not an email/],
      [{ OMNIHOOK_WORKER: 'maybe' }, /OMNIHOOK_WORKER must be true or false/],
    ];
    for (const [env, message] of bad) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    }
  });
});
