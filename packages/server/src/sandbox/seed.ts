/**
 * Seeds: a whole world described in one JSON or YAML document (the format `--seed FILE` and
 * `POST /_parley/seed` read; see docs/sandbox-api.md and seed-document.ts). Entries refer to each other by
 * `key` or by id. Its world (apps, accounts, people, tokens, and its conversations, empty) is created in one
 * transaction: a seed that fails there stores nothing. The messages then go in, a step at a time, each step
 * its own transaction, so that a seed of 100,000 messages does not hold up every other request.
 */
import { randomUUID } from 'node:crypto';
import { GraphError } from '@parley/protocol';
import { LATEST_TIME_MS, type Clock } from '../clock.ts';
import { isThreadIdOf, newId } from '../graph/ids.ts';
import type { StoredAttachment } from '../messaging/message-content.ts';
import { ensureConversation, recordPastMessages } from '../messaging/record-message.ts';
import { platformOf } from '../messaging/conversation-rules.ts';
import { requireFolderOf } from './input.ts';
import type { AccountRow, Folder } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { invalidSeed, type SeedConversation, type SeedDocument, type SeedMessage } from './seed-document.ts';
import { seedPosts } from './seed-posts.ts';
import { setReceivers } from './receivers.ts';
import { applySeedWebhooks, verifySeedCallbacks, type VerifyCallback } from './seed-webhooks.ts';
import { appView, accountView, tokenView, World } from './world.ts';

const DURATION = /^(?:\d+(?:\.\d+)?[smhd])+$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30s`, `5m`, `2h`, `3d`, or combinations such as `1d2h30m`, in milliseconds. */
export function parseDuration(text: string): number {
  const compact = text.replace(/\s+/g, '');
  if (!DURATION.test(compact)) {
    throw new GraphError('sandboxInvalidRequest', {
      detail: `Invalid duration "${text}" (use e.g. 30s, 5m, 2h, 3d, 1d2h)`,
    });
  }
  let ms = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)) {
    ms += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return ms;
}

interface SeedParts {
  readonly store: Store;
  readonly clock: Clock;
  readonly world: World;
}

/** Messages stored per transaction once the seed's world exists (on SQLite, about 20 ms of work). */
const MESSAGES_PER_STEP = 200;

/** A conversation the seed opened, and the messages to fill it with, in time order. */
interface OpenedConversation {
  readonly account: AccountRow;
  readonly id: string;
  readonly messages: readonly TimedMessage[];
  readonly folder?: Folder;
}

interface TimedMessage {
  readonly message: SeedMessage;
  readonly at: number;
}

/**
 * A seed whose messages are still going in has a setting under this prefix, from its world's transaction to
 * its last step. A reset deletes it, which stops the seed's remaining steps; one left behind by a process that
 * stopped part-way is reported at the next start.
 */
export const SEED_LOADING_PREFIX = 'seed-loading:';

/**
 * Applies a seed to the world; answers what it created, by key. `onlyIf` runs first in the world's
 * transaction: when it answers false, nothing is applied and the answer is undefined. With `verify`, the
 * callbacks of its webhook declarations pass the verification handshake first (without, they are saved
 * unverified).
 */
export async function applySeed(
  doc: SeedDocument,
  parts: { store: Store; clock: Clock; verify?: VerifyCallback },
  onlyIf?: (tx: Store) => Promise<boolean>,
) {
  await verifySeedCallbacks(doc, parts.verify);
  const loading = `${SEED_LOADING_PREFIX}${randomUUID()}`;
  const applied = await parts.store.transaction(async (store) => {
    if (onlyIf && !(await onlyIf(store))) return undefined;
    await store.settings.set(loading, new Date(parts.clock.now()).toISOString());
    return createWorld(doc, { store, clock: parts.clock, world: new World(store, parts.clock) });
  });
  if (applied === undefined) return undefined;
  const { created, conversations } = applied;
  // Other requests are answered between the steps, and may see these conversations part-filled meanwhile.
  for (const conversation of conversations) {
    for (let from = 0; from < conversation.messages.length; from += MESSAGES_PER_STEP) {
      const step = conversation.messages.slice(from, from + MESSAGES_PER_STEP);
      const last = from + MESSAGES_PER_STEP >= conversation.messages.length;
      await parts.store.transaction(async (tx) => {
        if ((await tx.settings.get(loading)) === undefined) {
          throw new GraphError('sandboxConflict', {
            detail: 'The world was reset while this seed loaded: the rest of its messages were not stored',
          });
        }
        await recordMessages(tx, conversation, step, last);
      });
    }
  }
  await parts.store.settings.remove(loading);
  return created;
}

async function createWorld(doc: SeedDocument, parts: SeedParts) {
  const { store, clock, world } = parts;
  const ids = new Map<string, string>();
  const ref = (name: string | undefined, what: string) => {
    if (name === undefined) throw invalidSeed(`a ${what} reference is missing`);
    return ids.get(name) ?? name;
  };
  const created = {
    apps: {} as Record<string, unknown>,
    accounts: {} as Record<string, unknown>,
    users: {} as Record<string, string>,
    tokens: [] as unknown[],
  };

  for (const { key, ...app } of doc.apps) {
    const row = await world.createApp(app);
    if (key) ids.set(key, row.id);
    created.apps[key ?? row.id] = appView(row);
  }
  for (const { key, ...input } of doc.accounts) {
    const account = await world.createAccount(
      input.type === 'page' && input.instagram_account !== undefined
        ? { ...input, instagram_account_id: ref(input.instagram_account, 'account') }
        : input,
    );
    if (key) ids.set(key, account.id);
    created.accounts[key ?? account.id] = accountView(account);
  }
  for (const { key, follows, scoped_ids, roles, ...input } of doc.users) {
    const person = await world.createPerson(input);
    if (key) ids.set(key, person.id);
    created.users[key ?? person.id] = person.id;
    for (const [target, role] of Object.entries(roles)) {
      const target_id = ref(target, 'app or account');
      await store.roles.set({ person_id: person.id, target_id, role, created_at: clock.now() });
    }
    for (const account of follows) await world.follow(person.id, ref(account, 'account'));
    for (const [account, scopedId] of Object.entries(scoped_ids)) {
      await store.people.ensureScopedId({
        scoped_id: scopedId,
        account_id: ref(account, 'account'),
        person_id: person.id,
        created_at: clock.now(),
      });
    }
  }
  for (const { app, account, ...input } of doc.tokens) {
    const token = await world.createToken({
      ...input,
      app_id: ref(app, 'app'),
      account_id: ref(account, 'account'),
    });
    created.tokens.push(tokenView(token));
  }
  const conversations: OpenedConversation[] = [];
  for (const conversation of doc.conversations) {
    conversations.push(await openConversation(conversation, ref, parts));
  }
  const now = clock.now();
  const timeOf = (entry: { at?: string; ago?: string }, fallback: number) =>
    seedEntryTime(entry, fallback, now);
  const posts = await seedPosts(doc.posts, { store, world, ref, timeOf, now });
  const webhooks = await applySeedWebhooks(doc.webhooks, { store, world, now, ref });
  for (const routing of doc.conversation_routing) await seedRouting(routing, ref, parts);
  return { created: { ...created, posts, webhooks }, conversations };
}

/**
 * An account's receivers, set as the app dashboard sets them. Seeded roles are the world as it stands: no app
 * hears of them.
 */
async function seedRouting(
  routing: SeedDocument['conversation_routing'][number],
  ref: (name: string | undefined, what: string) => string,
  { store, clock, world }: SeedParts,
) {
  const account = await world.requireAccount(ref(routing.account, 'account'));
  const primary = ref(routing.primary_receiver, 'app');
  const secondary = routing.secondary_receivers.map((name) => ref(name, 'app'));
  await setReceivers(store, account, { primary, secondary }, clock.now());
}

/** When a seed entry happened: `at` an ISO time, `ago` a duration before now, else `fallback`. */
function seedEntryTime(entry: { at?: string; ago?: string }, fallback: number, now: number): number {
  const at =
    entry.at !== undefined
      ? Date.parse(entry.at)
      : entry.ago !== undefined
        ? now - parseDuration(entry.ago)
        : fallback;
  if (Number.isNaN(at)) throw invalidSeed(`invalid time "${entry.at}"`);
  return at;
}

function expandMessages(messages: readonly SeedMessage[], now: number): TimedMessage[] {
  const out: TimedMessage[] = [];
  let previous = now - UNIT_MS.h;
  for (const message of messages) {
    let at = seedEntryTime(message, previous + UNIT_MS.m, now);
    const every = message.every !== undefined ? parseDuration(message.every) : UNIT_MS.m;
    for (let n = 1; n <= message.count; n++) {
      if (!(at >= 0 && at <= LATEST_TIME_MS))
        throw invalidSeed('message times must lie between 1970 and 9999');
      out.push({ message: { ...message, text: message.text?.replaceAll('{n}', String(n)) }, at });
      previous = at;
      at += every;
    }
  }
  // Effects (unread counts, folders) apply in the order things happened, whatever the seed's order.
  return out.sort((a, b) => a.at - b.at);
}

/** Checks a seed conversation and opens it (empty): the messages are recorded later, in steps. */
async function openConversation(
  seed: SeedConversation,
  ref: (name: string | undefined, what: string) => string,
  parts: SeedParts,
): Promise<OpenedConversation> {
  const account = await parts.world.requireAccount(ref(seed.account, 'account'));
  const person = await parts.world.requirePerson(ref(seed.user, 'user'));
  const platform = platformOf(account);
  if (seed.folder !== undefined) requireFolderOf(platform, seed.folder);
  // Its messages' ids are made from it, and the API finds conversations by the shape of their ids.
  if (seed.id !== undefined && !isThreadIdOf(platform, seed.id)) {
    throw invalidSeed(
      `conversation id ${seed.id} is not ${platform === 'messenger' ? 'a Messenger thread id (t_ and digits)' : 'an Instagram thread id (aWdf…, as Parley makes them)'}`,
    );
  }
  const messages = expandMessages(seed.messages, parts.clock.now());
  if (messages[0]?.message.from !== 'user')
    throw invalidSeed('a conversation starts with a message from the user');
  const conversation = await ensureConversation(parts.store, account, person.id, messages[0].at, {
    conversationId: seed.id,
  });
  return { account, id: conversation.id, messages, folder: seed.folder };
}

/** Records a step of a conversation's messages; the last step sets the folder the seed asks for. */
async function recordMessages(
  tx: Store,
  opened: OpenedConversation,
  messages: readonly TimedMessage[],
  last: boolean,
) {
  const conversation = (await tx.conversations.get(opened.id))!;
  await recordPastMessages(
    tx,
    opened.account,
    conversation,
    messages.map(({ message, at }) => ({
      fromBusiness: message.from === 'business',
      at,
      content: {
        ...(message.text !== undefined && { text: message.text }),
        ...(message.attachments && {
          attachments: message.attachments.map((a) => ({
            id: newId.attachment(),
            type: a.type as StoredAttachment['type'],
            url: a.url,
            name: a.name,
            mime_type: a.mime_type,
          })),
        }),
      },
    })),
  );
  if (last && opened.folder) await tx.conversations.update(opened.id, { folder: opened.folder });
}
