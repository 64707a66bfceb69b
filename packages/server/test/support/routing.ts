/**
 * For the conversation routing tests: a business whose Page (and its Instagram account) two apps hear, each at
 * a receiver of its own: `bot`, the primary receiver, and `agent`, a secondary receiver. Both subscribe to
 * messages, postbacks, echoes, `standby` and `messaging_handovers`.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createBusiness } from './clients.ts';
import { personWritingTo, type Person } from './conversation.ts';
import type { TestServer } from './server.ts';
import { installApp, startReceiver, subscribeApp, type Receiver } from './webhook-receiver.ts';

export const PAGE_FIELDS = [
  'messages',
  'messaging_postbacks',
  'message_echoes',
  'standby',
  'messaging_handovers',
];
export const INSTAGRAM_FIELDS = [
  'messages',
  'messaging_postbacks',
  'message_echoes',
  'standby',
  'messaging_handover',
];

export interface RoutedApp {
  readonly app: { id: string; app_token: string; name: string; secret: string };
  readonly pageToken: string;
  readonly receiver: Receiver;
}

export interface RoutedBusiness {
  readonly page: { id: string };
  readonly ig: { id: string };
  readonly bot: RoutedApp;
  readonly agent: RoutedApp;
}

/** Before the tests: the business and its two apps, subscribed and installed, with no roles yet. */
export function useRoutedBusiness(server: () => TestServer) {
  const world = {} as { biz: RoutedBusiness };
  beforeAll(async () => {
    const { graph, sandbox } = server();
    const biz = await createBusiness(sandbox, { name: 'Support Bot' });
    const agentApp = await sandbox.createApp({ name: 'Agent Desk' });
    const agentToken = (await sandbox.token(agentApp.id, biz.page.id)).access_token as string;
    const hear = async (app: RoutedApp['app'], pageToken: string): Promise<RoutedApp> => {
      const receiver = await startReceiver();
      await subscribeApp(graph, app, receiver, 'page', PAGE_FIELDS);
      await subscribeApp(graph, app, receiver, 'instagram', INSTAGRAM_FIELDS);
      await installApp(graph, pageToken, PAGE_FIELDS);
      return { app, pageToken, receiver };
    };
    world.biz = {
      page: biz.page,
      ig: biz.ig,
      bot: await hear(biz.app, biz.pageToken),
      agent: await hear(agentApp, agentToken),
    };
  });
  afterAll(async () => {
    await world.biz?.bot.receiver.close();
    await world.biz?.agent.receiver.close();
  });
  return world;
}

/** Sets an account's receivers through the sandbox, as the app dashboard does. */
export function setRouting(
  server: TestServer,
  accountId: string,
  primary: string | null,
  secondary: readonly string[] = [],
) {
  return server.sandbox.do('POST', `/accounts/${accountId}/conversation-routing`, {
    primary_receiver: primary,
    secondary_receivers: secondary,
  });
}

/**
 * Before the tests: the business with `bot` its Page's primary receiver and `agent` a secondary one; before each,
 * a new person writing to the Page (`thread.person`), whose thread `control` calls thread control on.
 */
export function useRoutedThread(server: () => TestServer) {
  const world = useRoutedBusiness(server);
  const thread = {} as { person: Person };
  beforeAll(() => setRouting(server(), world.biz.page.id, world.biz.bot.app.id, [world.biz.agent.app.id]));
  beforeEach(async () => {
    thread.person = await personWritingTo(server().sandbox, world.biz.page.id, 'I need help');
  });
  const control = (token: string, action: string, body: Record<string, unknown> = {}) =>
    server().graph.post(
      `/v23.0/me/${action}_thread_control`,
      { recipient: { id: thread.person.scopedId }, ...body },
      { token },
    );
  return { world, thread, control };
}
