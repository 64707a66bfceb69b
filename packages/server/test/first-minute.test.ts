/** The first minute with `parley start`, as a new user lives it: the banner, the logs, the errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWebhookReceiver } from '../src/testing.ts';
import { runParley, type ParleyProcess } from './support/process.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-first-minute-'));
const running: ParleyProcess[] = [];

/** Starts parley, waits for its banner, and answers it with the process. */
async function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const parley = runParley(['start', '--port', '0', ...args], { env });
  running.push(parley);
  const url = await parley.ready;
  // The banner is written in one piece, ending with the docs line.
  await expect.poll(() => parley.output(), { timeout: 5000 }).toMatch(/Docs /);
  return { parley, url, banner: parley.output() };
}

async function stop(parley: ParleyProcess) {
  parley.signal('SIGTERM');
  await parley.exited;
}

/** Runs parley to its end, answering its exit code and output. */
async function runToEnd(args: string[]) {
  const parley = runParley(args);
  const { code } = await parley.exited;
  return { code, output: parley.output() };
}

afterAll(async () => {
  for (const parley of running) if (parley.child.exitCode === null) await stop(parley);
});

describe('parley start', () => {
  it('says what it holds: seeded on a first start, kept on the next, and a seed it did not apply', async () => {
    const db = join(dir, 'banner.db');
    const first = await start(['--db', db]);
    expect(first.banner).toMatch(/^Parley listening on http:\/\/127\.0\.0\.1:\d+ \(v\d+\.\d+\.\d+\)$/m);
    expect(first.banner).toContain(`SQLite ${db}: seeded just now with the demo world`);
    expect(first.banner).toContain('id 918273645500001, secret 6d0c1c5a1f3e4b2a9c8d7e6f5a4b3c2d');
    expect(first.banner).toContain(
      'IGAAparleyDemoInstagramUserToken  (Instagram parley.coffee 17841458123456789)',
    );
    expect(first.banner).toContain('EAAparleyDemoPageToken  (Page parleycoffee 104522334455667)');
    expect(first.banner).toContain(
      `curl "${first.url}/v23.0/me/conversations?access_token=IGAAparleyDemoInstagramUserToken"`,
    );
    await stop(first.parley);

    const seed = join(dir, 'mine.yaml');
    writeFileSync(
      seed,
      'apps: [{key: a, name: My Bot}]\naccounts: [{key: s, type: instagram, username: my.shop}]\n',
    );
    const again = await start(['--db', db, '--seed', seed]);
    expect(again.banner).toContain('the world it already held (from the demo world)');
    expect(again.banner).toContain(`--seed ${seed} was not applied: the database already holds a world`);
    await stop(again.parley);

    const replaced = await start(['--db', db, '--seed', seed, '--reset']);
    expect(replaced.banner).toContain(`replaced just now with ${seed} (--reset)`);
    expect(replaced.banner).toContain('My Bot: id ');
    expect(replaced.banner).not.toContain('IGAAparleyDemoInstagramUserToken');
    await stop(replaced.parley);
  });

  it('shows only the start of secrets and tokens behind an admin token', async () => {
    const { parley, banner } = await start(['--db', ':memory:', '--admin-token', 'a-long-admin-token-1234']);
    expect(banner).toContain('secret 6d0c1c…');
    expect(banner).toContain('IGAApa…  (Instagram parley.coffee 17841458123456789)');
    expect(banner).not.toContain('6d0c1c5a1f3e4b2a9c8d7e6f5a4b3c2d');
    expect(banner).not.toContain('IGAAparleyDemoInstagramUserToken');
    await stop(parley);
  });

  it('logs a readable line per Graph request, or JSON when asked', async () => {
    const readable = await start(['--db', ':memory:'], { PARLEY_LOG_LEVEL: 'info' });
    await fetch(`${readable.url}/v23.0/me?access_token=IGAAparleyDemoInstagramUserToken`);
    await fetch(`${readable.url}/v23.0/me?access_token=nope`);
    await expect
      .poll(() => readable.parley.output())
      .toMatch(/GET +\/v23\.0\/me {2}no token {2}400 {2}[\d.]+ ms/);
    expect(readable.parley.output()).toMatch(/GET +\/v23\.0\/me {2}instagram {2}200 {2}[\d.]+ ms/);
    expect(readable.parley.output()).not.toContain('IGAAparleyDemoInstagramUserToken&');
    await stop(readable.parley);

    const json = await start(['--db', ':memory:', '--log-format', 'json'], { PARLEY_LOG_LEVEL: 'info' });
    await fetch(`${json.url}/v23.0/me?access_token=IGAAparleyDemoInstagramUserToken`);
    await expect.poll(() => json.parley.output()).toContain('"msg":"graph request"');
    expect(json.parley.output()).toContain('"path":"/v23.0/me","token":"instagram","status":200');
    await stop(json.parley);
  });

  it('wires the demo app to a bot with --webhook-url and the fields it names, handshake and all', async () => {
    const bot = await createWebhookReceiver();
    try {
      const { parley, url, banner } = await start([
        '--db',
        ':memory:',
        '--webhook-url',
        bot.url,
        '--webhook-fields',
        'messages,message_echoes,comments,feed',
      ]);
      expect(banner).toMatch(
        new RegExp(`Webhooks +${bot.url} ← instagram \\(messages, message_echoes, comments\\)`),
      );
      expect(banner).toContain('; page (messages, message_echoes, feed)');
      await fetch(`${url}/_parley/users/51000000001/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: '17841458123456789', text: 'hello bot' }),
      });
      const heard = await bot.waitFor((e) => e.event.message?.text === 'hello bot');
      expect(heard.object).toBe('instagram');
      await stop(parley);
    } finally {
      await bot.close();
    }
  });

  it('says in the banner why a bot could not be subscribed, and runs on', async () => {
    const { parley, banner } = await start([
      '--db',
      ':memory:',
      '--webhook-url',
      'http://127.0.0.1:1/webhook',
    ]);
    expect(banner).toMatch(/Webhooks +http:\/\/127\.0\.0\.1:1\/webhook not subscribed: /);
    await stop(parley);
  });

  it('prints its version', async () => {
    for (const args of [['--version'], ['start', '--version']]) {
      const { code, output } = await runToEnd(args);
      expect(code).toBe(0);
      expect(output).toMatch(/^parley \d+\.\d+\.\d+\n$/);
    }
  });

  it('fails to start in one line that says what to do, never a stack trace', async () => {
    const busy = await start(['--db', ':memory:']);
    const port = new URL(busy.url).port;
    const cases: [string[], RegExp][] = [
      [['--port', port], new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use .*pass --port`)],
      [
        ['--db', 'postgres://parley@127.0.0.1:1/test'],
        /Cannot reach PostgreSQL at postgres:\/\/parley@127\.0\.0\.1:1\/test \(ECONNREFUSED\)/,
      ],
      [
        ['--seed', join(dir, 'missing.yaml'), '--db', ':memory:'],
        /Cannot read the seed file .*missing\.yaml \(ENOENT\)/,
      ],
      [['--db', join(dir, 'mine.yaml', 'x.db')], /Cannot open the SQLite database .*x\.db \(EEXIST\)/],
    ];
    for (const [args, expected] of cases) {
      const { code, output } = await runToEnd(['start', ...args]);
      expect(code).toBe(1);
      expect(output).toMatch(new RegExp(`^parley start: ${expected.source}.*\\n$`));
      expect(output.trim().split('\n')).toHaveLength(1);
    }
    await stop(busy.parley);
  });
});
