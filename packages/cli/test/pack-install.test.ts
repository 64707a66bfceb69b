/**
 * Parley as a user installs it: every package packed with `npm pack`, installed from a registry on 127.0.0.1
 * into an empty project outside this repository, then the `parley` binary started, an ES module that imports
 * createParley run, and a Vitest suite written as docs/testing.md shows run against a small bot.
 */
import { execFile, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRegistry, type LocalRegistry } from './local-registry.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKSPACES = [
  '@parley/protocol',
  '@parley/sandbox',
  '@parley/console',
  '@parley/server',
  '@parley/cli',
];

const work = mkdtempSync(join(tmpdir(), 'parley-pack-'));
const project = join(work, 'my-bot');
let registry: LocalRegistry;

/** npm in the project, with no way out but the local registry and npm's own cache. */
function npm(args: string[]) {
  return run('npm', args, {
    cwd: project,
    env: {
      ...process.env,
      npm_config_registry: registry.url,
      npm_config_replace_registry_host: 'never',
      npm_config_prefer_offline: 'true',
      npm_config_proxy: 'http://127.0.0.1:9',
      npm_config_https_proxy: 'http://127.0.0.1:9',
      npm_config_noproxy: '127.0.0.1',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      // better-sqlite3 would build its native addon (or download one); the one this machine built is copied.
      npm_config_ignore_scripts: 'true',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'packages/cli/dist/cli.js'))) throw new Error('Build first: npm run build');
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  const workspaces = WORKSPACES.flatMap((w) => ['-w', w]);
  const { stdout } = await run('npm', ['pack', ...workspaces, '--pack-destination', tarballs, '--json'], {
    cwd: ROOT,
  });
  const packed = (JSON.parse(stdout) as { filename: string }[]).map((p) => join(tarballs, p.filename));
  registry = await startLocalRegistry(join(ROOT, 'package-lock.json'), packed);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "my-bot", "private": true, "type": "module" }\n');
  await npm(['install', '@parley/cli@0.1.0', '@parley/server@0.1.0', 'vitest@4.1.12']);
  const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  mkdirSync(join(project, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
  copyFileSync(join(ROOT, addon), join(project, addon));
}, 240_000);

afterAll(async () => {
  await registry?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the packed packages, installed in an empty project', () => {
  it('hold what runs and nothing else: built JavaScript, declarations, README, LICENSE', () => {
    for (const name of WORKSPACES) {
      const dir = join(project, 'node_modules', name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(manifest).toMatchObject({ license: 'Apache-2.0', engines: { node: '>=20.18' } });
      expect(manifest.repository.url).toMatch(/^git\+https:/);
      expect(existsSync(join(dir, 'LICENSE'))).toBe(true);
      expect(existsSync(join(dir, 'src'))).toBe(false);
    }
    expect(existsSync(join(project, 'node_modules/@parley/server/dist/index.d.ts'))).toBe(true);
    expect(existsSync(join(project, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(project, 'node_modules/typescript'))).toBe(false);
  });

  it('run the parley binary: start, health and a Graph read', async () => {
    const child = spawn(
      join(project, 'node_modules/.bin/parley'),
      ['start', '--port', '0', '--db', './p.db'],
      {
        cwd: project,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk;
          const match = /Parley listening on (\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.stderr.on('data', (chunk: Buffer) => (out += chunk));
        child.once('exit', () => reject(new Error(`parley exited:\n${out}`)));
      });
      expect(await (await fetch(`${url}/_parley/health`)).json()).toEqual({ ok: true });
      const page = await fetch(`${url}/console/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
      const me = await fetch(`${url}/v23.0/me?fields=username&access_token=IGAAparleyDemoInstagramUserToken`);
      expect(await me.json()).toMatchObject({ username: 'parley.coffee' });
    } finally {
      child.kill('SIGTERM');
    }
    const version = await run(join(project, 'node_modules/.bin/parley'), ['--version'], { cwd: project });
    expect(version.stdout).toBe('parley 0.1.0\n');
  });

  it('import createParley from an ES module', async () => {
    writeFileSync(
      join(project, 'check.mjs'),
      `import { createParley } from '@parley/server';
const parley = await createParley();
const sent = await parley.people.mina.says('hello from a script');
const me = await (await fetch(parley.url + '/v23.0/me?fields=username&access_token=' + parley.tokens.instagram)).json();
await parley.close();
console.log(JSON.stringify({ username: me.username, sender: sent.sender_id }));
`,
    );
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ username: 'parley.coffee', sender: '6200000000000001' });
  });

  it('pass the Vitest recipe of docs/testing.md around a bot of their own', async () => {
    writeFileSync(join(project, 'bot.js'), BOT);
    writeFileSync(join(project, 'bot.test.js'), RECIPE);
    const { stdout } = await run(
      join(project, 'node_modules/.bin/vitest'),
      ['run', '--reporter', 'verbose'],
      {
        cwd: project,
        env: { ...process.env, CI: 'true' },
      },
    );
    expect(stdout).toContain('answers a DM');
  });

  it('serve node:test as well, with the testing helpers', async () => {
    writeFileSync(join(project, 'receiver.test.mjs'), NODE_TEST);
    const { stdout } = await run(process.execPath, ['--test', 'receiver.test.mjs'], { cwd: project });
    expect(stdout).toMatch(/# pass 1/);
  });
});

/** A user's bot: answers every DM with its text, through the Graph API at `graphUrl`. */
const BOT = `import { createServer } from 'node:http';

export async function startBot({ graphUrl, token }) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://bot');
    if (req.method === 'GET') return res.end(url.searchParams.get('hub.challenge'));
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      res.end('ok');
      for (const entry of JSON.parse(body).entry) {
        for (const event of entry.messaging ?? []) {
          if (!event.message?.text || event.message.is_echo) continue;
          await fetch(graphUrl + '/v23.0/me/messages?access_token=' + token, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ recipient: event.sender, message: { text: 'You said: ' + event.message.text } }),
          });
        }
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: 'http://127.0.0.1:' + server.address().port + '/webhook', close: () => server.close() };
}
`;

/** docs/testing.md's recipe, as a user copies it. */
const RECIPE = `import { createParley } from '@parley/server';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { startBot } from './bot.js';

const parley = await createParley();
const bot = await startBot({ graphUrl: parley.url, token: parley.tokens.instagram });
await parley.webhooks.subscribe({ url: bot.url });
beforeEach(() => parley.reset());
afterAll(async () => { await parley.close(); bot.close(); });

it('answers a DM', async () => {
  await parley.people.mina.says('hi');
  expect((await parley.people.mina.waitForReply()).text).toBe('You said: hi');
});
`;

/** A node:test suite that plays the bot with @parley/server/testing's receiver. */
const NODE_TEST = `import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createParley } from '@parley/server';
import { createWebhookReceiver } from '@parley/server/testing';

let parley, receiver;
before(async () => {
  receiver = await createWebhookReceiver();
  parley = await createParley({ webhooks: { url: receiver.url } });
});
after(async () => {
  await parley.close();
  await receiver.close();
});

test('the bot hears Mina, signed', async () => {
  await parley.people.mina.says('hello');
  const { event, object } = await receiver.waitFor((e) => e.event.message?.text === 'hello');
  assert.equal(object, 'instagram');
  assert.equal(event.sender.id, parley.people.mina.scopedIds['17841458123456789']);
});
`;
