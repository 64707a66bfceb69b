/**
 * The storage conformance suite: every dialect must pass it unchanged, one concern at a time (a file here per
 * repository or group of them). Each dialect's test file is a few lines calling runStoreSuite.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../store.ts';
import type { StoreSuite } from './rows.ts';
import { catalogSuite } from './catalog.ts';
import { conversationsSuite } from './conversations.ts';
import { lifecycleSuite } from './lifecycle.ts';
import { messagesSuite } from './messages.ts';
import { optinsSuite } from './optins.ts';
import { postListsSuite } from './post-lists.ts';
import { postsSuite } from './posts.ts';
import { messengerProfilesSuite } from './messenger-profiles.ts';
import { reactionsSuite } from './reactions.ts';
import { routingSuite } from './routing.ts';
import { settingsSuite } from './settings.ts';
import { webhooksSuite } from './webhooks.ts';
import { worldSuite } from './world.ts';

export interface StoreFixture {
  /** Opens the dialect's store on its test database (migrating it). */
  open(): Promise<Store>;
  /** Removes the test database. */
  drop(): Promise<void>;
}

/** Concerns in the order they run; the lifecycle's reset comes last. */
const CONCERNS = [
  settingsSuite,
  worldSuite,
  catalogSuite,
  conversationsSuite,
  messagesSuite,
  reactionsSuite,
  optinsSuite,
  postListsSuite,
  postsSuite,
  messengerProfilesSuite,
  routingSuite,
  webhooksSuite,
  lifecycleSuite,
] as const;

export function runStoreSuite(name: string, fixture: StoreFixture): void {
  describe(`store conformance: ${name}`, () => {
    let store: Store | undefined;
    const suite: StoreSuite = {
      get store() {
        if (!store) throw new Error('The store is not open');
        return store;
      },
      async reopen() {
        await store?.close();
        store = await fixture.open();
        return store;
      },
    };
    beforeAll(async () => {
      store = await fixture.open();
    });
    afterAll(async () => {
      await store?.close();
      await fixture.drop();
    });
    for (const concern of CONCERNS) concern(suite);
  });
}
