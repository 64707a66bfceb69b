/** The README's curl examples work as written against the demo world (only the host is the test server's). */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { REPO_ROOT } from './support/process.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const run = promisify(execFile);

const EXAMPLES = readFileSync(`${REPO_ROOT}README.md`, 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('curl ') && !line.includes('<MESSAGE_ID>'));

describeEachStore('README examples', (kind) => {
  const server = useTestServer(kind, { seed: 'demo' });

  it('has examples to check', () => expect(EXAMPLES.length).toBeGreaterThanOrEqual(6));

  for (const example of EXAMPLES) {
    it(example.slice(0, 110), async () => {
      const command = example.replaceAll('http://127.0.0.1:4600', server().url);
      const { stdout } = await run('sh', ['-c', `${command} --silent --show-error`]);
      const body = JSON.parse(stdout);
      expect(body.error, stdout).toBeUndefined();
      expect(body.data ?? body.messages ?? body.message_id, stdout).toBeDefined();
    });
  }
});
