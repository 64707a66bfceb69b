import { describe, expect, it } from 'vitest';
import { readStartOptions, UsageError } from './start-options.ts';
import { startServer } from './main.ts';

describe('readStartOptions', () => {
  it('takes flags over the environment, and an empty variable as none', () => {
    expect(readStartOptions([], { PARLEY_PORT: '' }).port).toBe(4600);
    expect(readStartOptions(['--port', '4700'], { PARLEY_PORT: '4800' }).port).toBe(4700);
    expect(readStartOptions([], { PARLEY_PORT: '4800' }).port).toBe(4800);
  });

  it('refuses durations a server cannot keep', () => {
    expect(readStartOptions(['--webhook-timeout', '30'], {}).webhookTimeout).toBe(30);
    for (const bad of ['9999999', 'Infinity', '0', '-1', 'soon']) {
      expect(() => readStartOptions(['--webhook-timeout', bad], {}), bad).toThrow(UsageError);
    }
    expect(() => readStartOptions(['--media-url-ttl', '1e300'], {})).toThrow(UsageError);
    expect(readStartOptions(['--webhook-disable-after', '0'], {}).webhookDisableAfter).toBe(0);
  });

  it('reads the fields a bot subscription names', () => {
    expect(readStartOptions([], {}).webhookFields).toBeUndefined();
    expect(readStartOptions(['--webhook-fields', 'messages, comments,feed'], {}).webhookFields).toEqual([
      'messages',
      'comments',
      'feed',
    ]);
    expect(readStartOptions([], { PARLEY_WEBHOOK_FIELDS: 'feed' }).webhookFields).toEqual(['feed']);
    expect(() => readStartOptions(['--webhook-fields', ' , '], {})).toThrow(UsageError);
  });

  it("takes SQLite's sync modes, off by default", () => {
    expect(readStartOptions([], {}).sqliteSync).toBe('off');
    expect(readStartOptions([], { PARLEY_SQLITE_SYNC: 'NORMAL' }).sqliteSync).toBe('normal');
    expect(readStartOptions(['--sqlite-sync', 'full'], { PARLEY_SQLITE_SYNC: 'normal' }).sqliteSync).toBe(
      'full',
    );
    expect(() => readStartOptions(['--sqlite-sync', 'extra'], {})).toThrow(UsageError);
  });

  it('reads the private targets an exposed Parley may still reach', () => {
    expect(readStartOptions([], {}).allowPrivateTargets).toBeUndefined();
    expect(
      readStartOptions(['--allow-private-targets', '10.0.0.0/8, bot.internal,::1'], {}).allowPrivateTargets,
    ).toEqual(['10.0.0.0/8', 'bot.internal', '::1']);
    // Spelled as URLs may spell them, addresses are read as URLs read them.
    expect(readStartOptions(['--allow-private-targets', '127.1,0x7f000002'], {}).allowPrivateTargets).toEqual(
      ['127.0.0.1', '127.0.0.2'],
    );
    expect(readStartOptions([], { PARLEY_ALLOW_PRIVATE_TARGETS: 'all' }).allowPrivateTargets).toBe('all');
    for (const bad of ['10.0.0.0/33', 'http://bot', '10.0.0.0/8/1', 'a b']) {
      expect(() => readStartOptions(['--allow-private-targets', bad], {}), bad).toThrow(UsageError);
    }
  });
});

describe('startServer', () => {
  it("fills in what it is not given with parley start's defaults", async () => {
    const server = await startServer({ port: 0, db: ':memory:', logLevel: 'silent' });
    try {
      expect(server.facts.world).toMatchObject({ state: 'seeded', seed: 'demo' });
      expect(server.facts.app?.id).toBe('918273645500001');
      const me = await fetch(`${server.url}/v23.0/me?access_token=IGAAparleyDemoInstagramUserToken`);
      expect(me.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
