/**
 * The README's curl examples work as written against the demo world (only the hosts are the test's: Parley's,
 * and a webhook receiver's in place of the bot's endpoint).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from './support/process.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import { signatureOf, startReceiver, type Receiver } from './support/webhook-receiver.ts';

const run = promisify(execFile);

const EXAMPLES = readFileSync(`${REPO_ROOT}README.md`, 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('curl ') && !line.includes('<MESSAGE_ID>'));

describeEachStore('README examples', (kind) => {
  const server = useTestServer(kind, { seed: 'demo' });
  let bot: Receiver;
  beforeAll(async () => {
    bot = await startReceiver({ verifyToken: 'my-verify-token' });
  });
  afterAll(() => bot.close());

  it('has examples to check', () => expect(EXAMPLES.length).toBeGreaterThanOrEqual(6));

  for (const example of EXAMPLES) {
    it(example.slice(0, 110), async () => {
      const command = example
        .replaceAll('http://127.0.0.1:4600', server().url)
        .replaceAll('http://127.0.0.1:3000/webhook', bot.url);
      const { stdout } = await run('sh', ['-c', `${command} --silent --show-error`]);
      const body = JSON.parse(stdout);
      expect(body.error, stdout).toBeUndefined();
      expect(body.data ?? body.messages ?? body.message_id ?? body.success, stdout).toBeDefined();
    });
  }

  it("delivers the webhook example's message to the bot, signed with the app secret the README gives", async () => {
    const secret = /app secret\s+\(`(\w+)`\)/.exec(readFileSync(`${REPO_ROOT}README.md`, 'utf8'))![1]!;
    const post = await bot.until(() => bot.posts.find((p) => p.raw.includes('Do you have oat milk?')));
    expect(post.headers['x-hub-signature-256']).toBe(signatureOf(post.raw, secret));
  });
});
