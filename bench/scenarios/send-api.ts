/**
 * The send-api scenario: Send API text sends (50 connections, rate limits off) vs bare node:http, then a check
 * that every message_id Parley acknowledged can be read back through the API.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult } from '../load.ts';
import { measure } from '../measure.ts';
import { formatCount, formatPercent, INFORMATION_NOTE, loadTable, verdict } from '../report.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';
import { call, startBare, startParley } from '../servers.ts';

const VERSION = 'v23.0';
/** The send-api's one target, a ratio to the bare server measured in the same run. */
const TARGETS = { minRatio: 0.15 } as const;
/** People who wrote to the shop just before: each send goes to one of them, in turn. */
const PEOPLE = 500;

interface SendWorld {
  readonly token: string;
  readonly recipients: readonly string[];
  readonly conversations: readonly string[];
}

/** A shop, its token, and people who have just written to it (so the 24-hour window is open). */
async function buildWorld(origin: string): Promise<SendWorld> {
  const app = await call(origin, '/_parley/apps', { name: 'Bench' });
  const shop = await call(origin, '/_parley/accounts', { type: 'instagram', username: 'bench.shop' });
  const { access_token: token } = await call(origin, '/_parley/tokens', {
    app_id: app.id,
    account_id: shop.id,
  });
  const recipients: string[] = [];
  const conversations: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const person = await call(origin, '/_parley/users', { username: `bench_person_${i}` });
    const sent = await call(origin, `/_parley/users/${person.id}/messages`, { to: shop.id, text: 'Hello?' });
    recipients.push(sent.sender_id);
    conversations.push(sent.conversation_id);
  }
  return { token, recipients, conversations };
}

/** Every id of every conversation, read back through the Graph API's messages edge. */
async function readableIds(origin: string, world: SendWorld): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const conversation of world.conversations) {
    let next: string | undefined = `${origin}/${VERSION}/${conversation}/messages?limit=100`;
    while (next) {
      const page: { data: { id: string }[]; paging?: { next?: string } } = await fetch(next, {
        headers: { authorization: `Bearer ${world.token}` },
      }).then((r) => r.json() as Promise<never>);
      for (const m of page.data) ids.add(m.id);
      next = page.paging?.next;
    }
  }
  return ids;
}

export const sendApiScenario: Scenario = {
  name: 'send-api',
  summary: 'Send API text sends vs bare node:http, then every acknowledged message_id read back',
  async run(options: BenchOptions) {
    options.log('Measuring Send API text sends');
    const bare = await measure(
      { name: 'bare node:http', start: startBare, paths: [`/${VERSION}/me/messages`] },
      options,
    );
    const db = join(options.resultsDir, 'send-api.db');
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    const acknowledged: string[] = [];
    let missing = 0;
    let world: SendWorld | undefined;
    const cpuProfDir = options.cpuProfile ? join(options.resultsDir, 'profiles', 'send-text') : undefined;
    const start = async () => {
      const server = await startParley(db, { cpuProfDir });
      world = await buildWorld(server.url);
      return server;
    };
    // The requests are built once the world exists; measure() asks for them after start().
    const requests: { method: string; path: string; body: string; headers: Record<string, string> }[] = [];
    const send = await measure(
      {
        name: 'send text',
        start: async () => {
          const server = await start();
          for (const [i, to] of world!.recipients.entries()) {
            requests.push({
              method: 'POST',
              path: `/${VERSION}/me/messages`,
              body: JSON.stringify({
                recipient: { id: to },
                message: { text: `Reply #${i} — thanks for writing!` },
              }),
              headers: { 'content-type': 'application/json', authorization: `Bearer ${world!.token}` },
            });
          }
          return server;
        },
        paths: requests,
        onResponse: (status, body) => {
          if (status === 200) acknowledged.push((JSON.parse(body) as { message_id: string }).message_id);
        },
        after: async (origin) => {
          const stored = await readableIds(origin, world!);
          missing = acknowledged.filter((id) => !stored.has(id)).length;
        },
      },
      options,
    );
    return report(bare, send, acknowledged.length, missing, options);
  },
};

function report(
  bare: LoadResult,
  send: LoadResult,
  acknowledged: number,
  missing: number,
  options: BenchOptions,
) {
  const ratio = send.reqPerSec / bare.reqPerSec;
  const failures = [
    ...(ratio < TARGETS.minRatio ? [`< ${formatPercent(TARGETS.minRatio)} of bare`] : []),
    ...(send.non2xx + send.errors > 0 ? ['errors'] : []),
    ...(missing > 0 ? [`${formatCount(missing)} acknowledged ids not readable`] : []),
  ];
  options.log(
    `\nSend API (text, ${options.load.connections} connections, rate limits off)\n` +
      loadTable(
        [
          { name: 'bare node:http', load: bare, target: 'baseline', result: 'pass' },
          {
            name: 'send text',
            load: send,
            target: `≥ ${formatPercent(TARGETS.minRatio)}`,
            result: verdict(failures),
          },
        ],
        bare.reqPerSec,
      ) +
      `\n${formatCount(acknowledged)} message_ids acknowledged, ${formatCount(acknowledged - missing)} read back through the API${missing ? ` — ${formatCount(missing)} MISSING` : ''}\n` +
      INFORMATION_NOTE,
  );
  return { passed: failures.length === 0, results: { targets: TARGETS, bare, send, acknowledged, missing } };
}
