/** A business and a person who has just written to it: the starting point of every Send API test. */
import { afterAll, beforeAll } from 'vitest';
import { createBusiness, type SandboxClient } from './clients.ts';
import type { TestServer } from './server.ts';
import { installApp, startReceiver, subscribeApp, type Receiver } from './webhook-receiver.ts';

export type Business = Awaited<ReturnType<typeof createBusiness>>;

export async function personWritingTo(sandbox: SandboxClient, accountId: string, text = 'Hi there!') {
  const person = await sandbox.user({ name: 'Rosa Diaz' });
  const sent = await sandbox.send(person.id, accountId, text);
  return {
    person,
    scopedId: sent.sender_id as string,
    conversationId: sent.conversation_id as string,
    firstMessageId: sent.message_id as string,
  };
}

export type Person = Awaited<ReturnType<typeof personWritingTo>>;

/** Before the tests: a business, a person writing to its Instagram account (`ig`) and one to its Page (`fb`). */
export function useBusinessWithPeople(server: () => TestServer) {
  const world = {} as { biz: Business; ig: Person; fb: Person };
  beforeAll(async () => {
    const { sandbox } = server();
    world.biz = await createBusiness(sandbox);
    world.ig = await personWritingTo(sandbox, world.biz.ig.id);
    world.fb = await personWritingTo(sandbox, world.biz.page.id);
  });
  return world;
}

/**
 * Before the tests: a business whose app hears these fields at a receiver of its own (closed after): on its
 * Instagram account through Instagram Login, and on its Page.
 */
export function useHeardBusiness(
  server: () => TestServer,
  fields: { readonly instagram?: readonly string[]; readonly page?: readonly string[] },
) {
  const heard = {} as { biz: Business; receiver: Receiver };
  beforeAll(async () => {
    const { graph, sandbox } = server();
    heard.receiver = await startReceiver();
    heard.biz = await createBusiness(sandbox);
    if (fields.instagram) {
      await subscribeApp(graph, heard.biz.app, heard.receiver, 'instagram', fields.instagram);
      await installApp(graph, heard.biz.igToken, fields.instagram);
    }
    if (fields.page) {
      await subscribeApp(graph, heard.biz.app, heard.receiver, 'page', fields.page);
      await installApp(graph, heard.biz.pageToken, fields.page);
    }
  });
  afterAll(() => heard.receiver?.close());
  return heard;
}

/** Before the tests: a business whose app hears its Page's `fields` at a receiver of its own (closed after). */
export function useHeardPage(server: () => TestServer, fields: readonly string[]) {
  return useHeardBusiness(server, { page: fields });
}
