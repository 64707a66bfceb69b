/**
 * Hostile input over every route family, on both stores: a corpus of shapes that once broke Parley, replayed
 * as data, then property-based requests (fast-check). Every answer is below 500, carries no stack trace or
 * internal detail, and is Meta's error envelope when it is an error; the server is healthy after, and the
 * demo world (which fuzzed writes never aim at) reads byte for byte as before.
 *
 * `npm test` runs a few hundred requests per store; `npm run fuzz` runs thousands (PARLEY_FUZZ_RUNS).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { DEMO } from '../support/demo-world.ts';
import { personWritingTo } from '../support/conversation.ts';
import { createBusiness } from '../support/clients.ts';
import { useTestServer } from '../support/server.ts';
import { describeEachStore } from '../support/stores.ts';
import { send, type RawRequest, type RawResponse } from './raw-http.ts';
import { batches, graphReads, graphSends, webhookConfiguration } from './graph-requests.ts';
import { messengerProfiles } from './profile-requests.ts';
import { routingRequests } from './routing-requests.ts';
import { cdnRequests, sandboxRequests } from './sandbox-requests.ts';
import type { FuzzWorld } from './values.ts';

const RUNS = Number(process.env.PARLEY_FUZZ_RUNS ?? 40);

interface CorpusEntry extends RawRequest {
  readonly name: string;
  readonly status?: number;
  readonly code?: number;
}

const CORPUS = JSON.parse(readFileSync(new URL('./corpus.json', import.meta.url), 'utf8')) as CorpusEntry[];

/** What no answer may show: a stack frame, a source path, a database's own words. */
const INTERNALS =
  /\n\s+at \S|\bat (?:async )?[\w.$<>]+ \(|\.ts:\d+:\d+|node:internal|\bSQLITE_[A-Z]|\bpg_\w+\(|\bKysely/;

function check(req: RawRequest, res: RawResponse): void {
  const where = `${req.method} ${req.target.slice(0, 300)} -> ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  expect(INTERNALS.test(res.text), where).toBe(false);
  const type = String(res.headers['content-type'] ?? '');
  // Meta's media CDN answers its errors in plain text ("Bad URL hash"), as Parley's does.
  const cdn = req.target.startsWith('/cdn/');
  // The login dialogs are pages: their errors too (Meta's dialog shows them, never redirects).
  const loginPage = /^\/(?:v\d+\.\d+\/)?(?:dialog\/oauth|oauth\/authorize)\b/.test(req.target);
  if (res.status >= 400 && loginPage) {
    expect(type, where).toContain('text/html');
  } else if (res.status >= 400 && req.method !== 'HEAD' && !cdn) {
    expect(type, where).toContain('application/json');
    const body = JSON.parse(res.text) as { error?: Record<string, unknown>; error_type?: unknown };
    // api.instagram.com's token endpoint keeps its own envelope: {error_type, code, error_message}.
    if (body.error_type !== undefined) {
      expect(body, where).toMatchObject({
        error_type: expect.any(String),
        error_message: expect.any(String),
      });
      return;
    }
    expect(body.error, where).toMatchObject({ message: expect.any(String), code: expect.any(Number) });
    expect(typeof body.error!.type, where).toBe('string');
  } else if (type.includes('json') && res.text !== '') {
    expect(() => JSON.parse(res.text), where).not.toThrow();
  }
}

/** The demo world as the API shows it, less the signed media URLs that change with every read. */
async function demoSnapshot(base: string): Promise<unknown> {
  const fields =
    'id,updated_time,message_count,unread_count,participants,messages.limit(100){id,created_time,from,to,message,attachments,reactions}';
  const reads = await Promise.all([
    send(base, {
      method: 'GET',
      target: `/v23.0/me/conversations?platform=instagram&limit=100&fields=${encodeURIComponent(fields)}&access_token=${DEMO.IG_TOKEN}`,
    }),
    send(base, {
      method: 'GET',
      target: `/v23.0/me/conversations?platform=messenger&limit=100&fields=${encodeURIComponent(fields)}&access_token=${DEMO.PAGE_TOKEN}`,
    }),
    send(base, { method: 'GET', target: `/v23.0/me/subscribed_apps?access_token=${DEMO.IG_TOKEN}` }),
    send(base, { method: 'GET', target: `/_parley/apps/${DEMO.APP_ID}` }),
    send(base, { method: 'GET', target: `/_parley/accounts/${DEMO.IG_ID}` }),
    send(base, { method: 'GET', target: `/_parley/accounts/${DEMO.PAGE_ID}` }),
    send(base, { method: 'GET', target: `/_parley/users/${DEMO.MINA}` }),
  ]);
  for (const read of reads) expect(read.status, read.text).toBe(200);
  return JSON.parse(
    JSON.stringify(
      reads.map((r) => JSON.parse(r.text)),
      (key, value) => (/url/i.test(key) ? undefined : value),
    ),
  );
}

describeEachStore('Fuzzing', (kind) => {
  const server = useTestServer(kind, { seed: 'demo' });
  let world: FuzzWorld;
  let placeholders: Record<string, string>;
  let before: unknown;

  beforeAll(async () => {
    const { sandbox, url } = server();
    const biz = await createBusiness(sandbox);
    const person = await personWritingTo(sandbox, biz.ig.id);
    await personWritingTo(sandbox, biz.page.id);
    // Conversation routing on the Instagram account: its thread control calls get past "not enabled".
    await sandbox.do('POST', `/accounts/${biz.ig.id}/conversation-routing`, { primary_receiver: biz.app.id });
    world = {
      readTokens: [DEMO.IG_TOKEN, DEMO.PAGE_TOKEN, DEMO.APP_TOKEN],
      writeTokens: [biz.igToken, biz.pageToken, biz.app.app_token],
      ids: [
        DEMO.IG_ID,
        DEMO.PAGE_ID,
        DEMO.IG_CONVERSATION_ID,
        DEMO.MESSENGER_CONVERSATION_ID,
        DEMO.APP_ID,
        DEMO.IGSID,
        biz.ig.id,
        person.conversationId,
        person.firstMessageId,
      ],
      ownIds: [
        biz.ig.id,
        biz.page.id,
        person.person.id,
        person.conversationId,
        person.firstMessageId,
        person.scopedId,
      ],
      recipient: person.scopedId,
      appId: biz.app.id,
    };
    placeholders = {
      ig_token: biz.igToken,
      page_token: biz.pageToken,
      app_token: biz.app.app_token,
      app_id: biz.app.id,
      account_id: biz.ig.id,
      recipient: person.scopedId,
    };
    before = await demoSnapshot(url);
  });

  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => placeholders[name] ?? whole);

  it("answers every shape of the corpus with Meta's envelope, the same on both stores", async () => {
    for (const entry of CORPUS) {
      const req: RawRequest = {
        method: entry.method,
        target: fill(entry.target),
        headers: entry.headers,
        ...(entry.body !== undefined && { body: fill(entry.body) }),
      };
      const res = await send(server().url, req);
      check(req, res);
      if (entry.status !== undefined) expect(res.status, entry.name).toBe(entry.status);
      if (entry.code !== undefined) expect(JSON.parse(res.text).error.code, entry.name).toBe(entry.code);
    }
  });

  const families = {
    graphReads,
    graphSends,
    webhookConfiguration,
    messengerProfiles,
    routingRequests,
    batches,
    sandboxRequests,
    cdnRequests,
  };
  for (const [name, family] of Object.entries(families)) {
    it(
      `answers generated ${name} without a 500 or an internal detail`,
      async () => {
        await fc.assert(
          fc.asyncProperty(family(world), async (req) => check(req, await send(server().url, req))),
          { numRuns: RUNS },
        );
      },
      120_000 + RUNS * 200,
    );
  }

  it('is healthy after, with the demo world as it was', async () => {
    const health = await send(server().url, { method: 'GET', target: '/_parley/health' });
    expect(health.status).toBe(200);
    expect(await demoSnapshot(server().url)).toEqual(before);
  });
});
