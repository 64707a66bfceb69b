/**
 * A bot's deploy script, as `messaging-api-messenger` writes it, with only its `origin` changed: the Get Started
 * button, the persistent menu, ice breakers and the greeting are set, read back and deleted.
 */
import { MessengerClient } from 'messaging-api-messenger';
import { beforeAll, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Messenger profile with messaging-api-messenger', (kind) => {
  const server = useTestServer(kind);
  let client: MessengerClient;
  beforeAll(async () => {
    const biz = await createBusiness(server().sandbox);
    client = new MessengerClient({ accessToken: biz.pageToken, origin: server().url });
  });

  it('sets, reads and deletes the profile a deploy script sets', async () => {
    expect(await client.setGetStarted('GET_STARTED')).toEqual({ result: 'success' });
    await client.setPersistentMenu([
      { type: 'postback', title: 'Restart Conversation', payload: 'RESTART' },
      {
        type: 'web_url',
        title: 'Powered by Parley',
        url: 'https://parley.example/',
        webviewHeightRatio: 'tall',
      },
    ]);
    await client.setIceBreakers([
      { question: 'Where are you located?', payload: 'LOCATION' },
      { question: 'What are your hours?', payload: 'HOURS' },
    ]);
    await client.setGreeting('Hello {{user_first_name}}!');
    await client.setWhitelistedDomains(['https://parley.example']);

    expect(await client.getGetStarted()).toEqual({ payload: 'GET_STARTED' });
    expect(await client.getPersistentMenu()).toEqual([
      {
        locale: 'default',
        composerInputDisabled: false,
        callToActions: [
          { type: 'postback', title: 'Restart Conversation', payload: 'RESTART' },
          {
            type: 'web_url',
            title: 'Powered by Parley',
            url: 'https://parley.example/',
            webviewHeightRatio: 'tall',
          },
        ],
      },
    ]);
    expect(await client.getIceBreakers()).toEqual([
      { question: 'Where are you located?', payload: 'LOCATION' },
      { question: 'What are your hours?', payload: 'HOURS' },
    ]);
    expect(await client.getGreeting()).toEqual([{ locale: 'default', text: 'Hello {{user_first_name}}!' }]);
    expect(await client.getMessengerProfile(['get_started', 'whitelisted_domains'])).toEqual([
      { getStarted: { payload: 'GET_STARTED' }, whitelistedDomains: ['https://parley.example'] },
    ]);

    expect(await client.deleteMessengerProfile(['greeting', 'ice_breakers'])).toEqual({ result: 'success' });
    await client.deletePersistentMenu();
    expect(await client.getMessengerProfile(['greeting', 'ice_breakers', 'persistent_menu'])).toEqual([]);
    expect(await client.getGetStarted()).toEqual({ payload: 'GET_STARTED' });
  });

  it("throws Meta's error for a menu before a Get Started button", async () => {
    const fresh = await createBusiness(server().sandbox);
    const other = new MessengerClient({ accessToken: fresh.pageToken, origin: server().url });
    await expect(
      other.setPersistentMenu([{ type: 'postback', title: 'Help', payload: 'HELP' }]),
    ).rejects.toThrow('You must set a Get Started button if you also wish to use persistent menu.');
  });
});
