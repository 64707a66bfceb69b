/**
 * The handover protocol and personas as `messaging-api-messenger` calls them, with only its `origin` changed:
 * a bot and an agent app on one Page pass, take and request a thread, read its owner and the secondary
 * receivers, and the bot answers under a persona.
 */
import { PAGE_INBOX_APP_ID } from '@parley/protocol';
import { MessengerClient } from 'messaging-api-messenger';
import { beforeAll, expect, it } from 'vitest';
import { personWritingTo, type Person } from './support/conversation.ts';
import { setRouting, useRoutedBusiness } from './support/routing.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Conversation routing with messaging-api-messenger', (kind) => {
  const server = useTestServer(kind);
  const world = useRoutedBusiness(server);
  let bot: MessengerClient;
  let agent: MessengerClient;
  let person: Person;
  beforeAll(async () => {
    const { page } = world.biz;
    await setRouting(server(), page.id, world.biz.bot.app.id, [world.biz.agent.app.id]);
    bot = new MessengerClient({ accessToken: world.biz.bot.pageToken, origin: server().url });
    agent = new MessengerClient({ accessToken: world.biz.agent.pageToken, origin: server().url });
    person = await personWritingTo(server().sandbox, page.id, 'Help!');
  });

  it('passes to the Page inbox and back, takes, requests, and reads the owner', async () => {
    const psid = person.scopedId;
    const botId = world.biz.bot.app.id;
    const agentId = world.biz.agent.app.id;
    expect(await bot.getThreadOwner(psid)).toEqual({ appId: botId });
    expect(await bot.passThreadControlToPageInbox(psid, 'A human, please')).toEqual({ success: true });
    expect(await agent.getThreadOwner(psid)).toEqual({ appId: PAGE_INBOX_APP_ID });
    expect(await bot.takeThreadControl(psid, 'Back to the bot')).toEqual({ success: true });
    expect(await bot.getThreadOwner(psid)).toEqual({ appId: botId });
    // Typed as a number; app ids are longer than a double keeps, so a bot passes them as strings.
    const target = agentId as unknown as number;
    expect(await bot.passThreadControl(psid, target, 'Over to you')).toEqual({ success: true });
    expect(await agent.getThreadOwner(psid)).toEqual({ appId: agentId });
    expect(await bot.takeThreadControl(psid)).toEqual({ success: true });
    expect(await agent.requestThreadControl(psid, 'Let me')).toEqual({ success: true });
    expect(await bot.getSecondaryReceivers()).toEqual([
      { id: agentId, name: 'Agent Desk' },
      { id: PAGE_INBOX_APP_ID, name: 'Page Inbox' },
    ]);
    await expect(agent.sendText(psid, 'Not mine to answer')).rejects.toThrow(
      /Message failed to send because another app is controlling this thread now/,
    );
  });

  it('makes personas, answers under one, and deletes them', async () => {
    const { id } = await bot.createPersona({
      name: 'John Mathew',
      profilePictureUrl: 'https://example.com/john.jpg',
    });
    expect(await bot.getPersona(id)).toEqual({
      name: 'John Mathew',
      profilePictureUrl: 'https://example.com/john.jpg',
      id,
    });
    expect((await bot.getAllPersonas()).map((p: { id: string }) => p.id)).toContain(id);
    expect(await bot.typingOn(person.scopedId, { personaId: id })).toEqual({ recipientId: person.scopedId });
    const sent = await bot.sendText(person.scopedId, 'John here', { personaId: id });
    expect(sent).toMatchObject({ recipientId: person.scopedId, messageId: expect.any(String) });
    expect(await bot.deletePersona(id)).toEqual({ success: true });
  });
});
