/** Builds a benchmark world in a fresh SQLite file with bulk writes, and remembers its tokens and ids in a manifest. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { openStore, systemClock, DEFAULT_CONFIG, type Store } from '@parley/server';
import { World } from '../packages/server/src/sandbox/world.ts';
import type { AccountRow } from '../packages/server/src/store/schema.ts';
import { newId } from '../packages/server/src/graph/ids.ts';
import { conversationRow, messageRows, personRow, timelineEndingAt, type Timeline, type WorldShape } from './world-rows.ts';

export interface BuiltWorld {
  readonly shape: WorldShape;
  readonly file: string;
  readonly instagramToken: string;
  readonly pageToken: string;
  readonly conversationIds: readonly string[];
  /** Messages among the newest of their conversation (only those have details), a few per conversation. */
  readonly detailMessageIds: readonly string[];
  readonly buildMs: number;
}

/** Messages written per transaction: large enough to amortise the commit, small enough to keep memory flat. */
const MESSAGES_PER_TRANSACTION = 20_000;
/** How many detail-readable message ids to keep in all, spread evenly over the conversations. */
const DETAIL_SAMPLE = 50_000;

export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

export function manifestPath(file: string): string {
  return file.replace(/\.db$/, '') + '.json';
}

/** The world a previous run built in `file`, if its manifest matches the shape asked for. */
export function readBuiltWorld(file: string, shape: WorldShape): BuiltWorld | undefined {
  const path = manifestPath(file);
  if (!existsSync(path) || !existsSync(file)) return undefined;
  const world = JSON.parse(readFileSync(path, 'utf8')) as BuiltWorld;
  const same =
    world.shape.conversations === shape.conversations &&
    world.shape.messagesPerConversation === shape.messagesPerConversation;
  return same ? world : undefined;
}

async function createBusiness(store: Store) {
  const world = new World(store, systemClock);
  const app = await world.createApp({ name: 'Parley Bench' });
  const instagram = await world.createAccount({ type: 'instagram', username: 'parley.bench', name: 'Parley Bench' });
  const page = await world.createAccount({ type: 'page', name: 'Parley Bench', instagram_account_id: instagram.id });
  const instagramToken = await world.createToken({ app_id: app.id, account_id: instagram.id });
  const pageToken = await world.createToken({ app_id: app.id, account_id: page.id });
  return { instagram, instagramToken: instagramToken.token, pageToken: pageToken.token };
}

/** Writes conversations `from`..`to - 1` with their people, scoped ids and messages, in one transaction. */
async function writeConversations(
  store: Store,
  account: AccountRow,
  range: { from: number; to: number },
  shape: WorldShape,
  timeline: Timeline,
  out: { conversationIds: string[]; detailMessageIds: string[] },
): Promise<void> {
  const keepPerConversation = Math.min(
    DEFAULT_CONFIG.messageDetailWindow,
    shape.messagesPerConversation,
    Math.ceil(DETAIL_SAMPLE / shape.conversations),
  );
  await store.transaction(async (tx) => {
    const messages = [];
    for (let i = range.from; i < range.to; i++) {
      const createdAt = timeline.start + i;
      const person = personRow(i, createdAt);
      await tx.insertPerson(person);
      const scopedId = await tx.ensureScopedId({
        scoped_id: newId.scopedUser(),
        account_id: account.id,
        person_id: person.id,
        created_at: createdAt,
      });
      const conversation = conversationRow(account, person, scopedId, i, timeline, shape.messagesPerConversation);
      await tx.insertConversation(conversation);
      const rows = messageRows(account, conversation.id, i, timeline, shape.messagesPerConversation);
      messages.push(...rows);
      out.conversationIds.push(conversation.id);
      for (const row of rows.slice(-keepPerConversation)) out.detailMessageIds.push(row.id);
    }
    await tx.insertMessages(messages);
  });
}

/** Builds `shape` in a fresh file (any previous one is removed) and writes its manifest next to it. */
export async function buildWorld(
  file: string,
  shape: WorldShape,
  onProgress: (done: number) => void = () => {},
): Promise<BuiltWorld> {
  const started = performance.now();
  removeDatabase(file);
  rmSync(manifestPath(file), { force: true });
  const store = await openStore(file);
  let built: Omit<BuiltWorld, 'buildMs'>;
  try {
    const { instagram, instagramToken, pageToken } = await createBusiness(store);
    const timeline = timelineEndingAt(systemClock.now() - 60_000, shape);
    const out = { conversationIds: [] as string[], detailMessageIds: [] as string[] };
    const batch = Math.max(1, Math.floor(MESSAGES_PER_TRANSACTION / Math.max(1, shape.messagesPerConversation)));
    for (let from = 0; from < shape.conversations; from += batch) {
      const to = Math.min(shape.conversations, from + batch);
      await writeConversations(store, instagram, { from, to }, shape, timeline, out);
      onProgress(to * shape.messagesPerConversation);
    }
    built = { shape, file, instagramToken, pageToken, ...out };
  } finally {
    // Closing checkpoints the WAL into the file, so it counts towards the build time.
    await store.close();
  }
  const world: BuiltWorld = { ...built, buildMs: Math.round(performance.now() - started) };
  writeFileSync(manifestPath(file), JSON.stringify(world));
  return world;
}
