/** Builds a benchmark world in a fresh SQLite file with bulk writes, and remembers its tokens and ids in a manifest. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { openStore, systemClock, DEFAULT_CONFIG, type Store } from '@parley/server';
import { sql } from 'kysely';
import { storeOn } from '../packages/server/src/store/open-store.ts';
import { connectSqlite } from '../packages/server/src/store/sqlite/connect.ts';
import { World } from '../packages/server/src/sandbox/world.ts';
import type { AccountRow, NewMessage } from '../packages/server/src/store/schema.ts';
import type { ConversationKey } from '../packages/server/src/store/store.ts';
import { newId } from '../packages/server/src/graph/ids.ts';
import {
  conversationRow,
  messageRow,
  personRow,
  timelineEndingAt,
  type Timeline,
  type WorldShape,
} from './world-rows.ts';

/** Bumped whenever what a world holds changes, so `--reuse-worlds` never measures a stale one. */
const WORLD_FORMAT = 4;

export interface BuiltWorld {
  readonly format: number;
  readonly shape: WorldShape;
  readonly file: string;
  readonly instagramToken: string;
  readonly pageToken: string;
  readonly conversationIds: readonly string[];
  /** Messages among the newest of their conversation (only those have details), a few per conversation. */
  readonly detailMessageIds: readonly string[];
  readonly buildMs: number;
}

/**
 * Rows written per transaction. Each commit writes every index page it touched, and time-ordered messages touch
 * most of them, so large transactions write far less (20k rows: 55 s for the 1M world; 100k rows: under 30 s).
 */
const ROWS_PER_TRANSACTION = 100_000;
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
    world.format === WORLD_FORMAT &&
    world.shape.conversations === shape.conversations &&
    world.shape.messagesPerConversation === shape.messagesPerConversation;
  return same ? { ...world, file } : undefined;
}

/**
 * The store the build writes through: migrated by `openStore` as Parley would, then reopened for bulk writes.
 * Message-index inserts land all over the B-trees, so the page cache is raised from SQLite's 2 MB to 512 MB;
 * the file is thrown away if the build fails, so it needs neither a journal nor fsyncs (Parley turns WAL back on).
 */
async function openBuildStore(file: string): Promise<Store> {
  await (await openStore(file)).close();
  const db = connectSqlite(file);
  await sql`pragma cache_size = -524288`.execute(db);
  await sql`pragma journal_mode = OFF`.execute(db);
  await sql`pragma synchronous = OFF`.execute(db);
  return storeOn(db, 'sqlite');
}

async function createBusiness(store: Store) {
  const world = new World(store, systemClock);
  const app = await world.createApp({ name: 'Parley Bench' });
  const instagram = await world.createAccount({
    type: 'instagram',
    username: 'parley.bench',
    name: 'Parley Bench',
  });
  const page = await world.createAccount({
    type: 'page',
    name: 'Parley Bench',
    instagram_account_id: instagram.id,
  });
  const instagramToken = await world.createToken({ app_id: app.id, account_id: instagram.id });
  const pageToken = await world.createToken({ app_id: app.id, account_id: page.id });
  return { instagram, instagramToken: instagramToken.token, pageToken: pageToken.token };
}

/** Writes the people, their scoped ids and their conversations (already carrying their final counters). */
async function writeConversations(store: Store, account: AccountRow, shape: WorldShape, timeline: Timeline) {
  const conversations: ConversationKey[] = [];
  const batch = ROWS_PER_TRANSACTION / 4; // four statements per conversation
  for (let from = 0; from < shape.conversations; from += batch) {
    await store.transaction(async (tx) => {
      for (let i = from; i < Math.min(shape.conversations, from + batch); i++) {
        const createdAt = timeline.start + i;
        const person = personRow(i, createdAt);
        await tx.people.insert(person);
        const scopedId = await tx.people.ensureScopedId({
          scoped_id: newId.scopedUser(),
          account_id: account.id,
          person_id: person.id,
          created_at: createdAt,
        });
        const conversation = conversationRow(
          account,
          person,
          scopedId,
          i,
          timeline,
          shape.messagesPerConversation,
        );
        await tx.conversations.insert(conversation);
        const { seq } = (await tx.conversations.getFor(account.id, person.id))!;
        conversations.push({ id: conversation.id, seq, account_id: account.id });
      }
    });
  }
  return conversations;
}

/**
 * Writes the messages in the order they were sent, round-robin over the conversations, as a live inbox fills:
 * a conversation's messages end up spread over the table rather than side by side, as they would in production.
 */
async function writeMessages(
  store: Store,
  conversations: readonly ConversationKey[],
  shape: WorldShape,
  timeline: Timeline,
  onProgress: (done: number) => void,
): Promise<string[]> {
  const perConversation = shape.messagesPerConversation;
  const keepFrom =
    perConversation -
    Math.min(DEFAULT_CONFIG.messageDetailWindow, Math.ceil(DETAIL_SAMPLE / shape.conversations));
  const detailMessageIds: string[] = [];
  const rounds = Math.max(1, Math.floor(ROWS_PER_TRANSACTION / Math.max(1, shape.conversations)));
  for (let first = 0; first < perConversation; first += rounds) {
    const last = Math.min(perConversation, first + rounds);
    const rows: NewMessage[] = [];
    const seqs = await store.messages.reserveRows((last - first) * conversations.length);
    for (let j = first; j < last; j++) {
      for (const [i, conversation] of conversations.entries()) {
        const seq = seqs[rows.length]!;
        const row = messageRow(store.messages.ids, seq, conversation, i, j, timeline);
        rows.push(row);
        if (j >= keepFrom) detailMessageIds.push(row.id);
      }
    }
    await store.transaction((tx) => tx.messages.insertMany(rows));
    onProgress(last * shape.conversations);
  }
  return detailMessageIds;
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
  const store = await openBuildStore(file);
  let built: Omit<BuiltWorld, 'buildMs'>;
  try {
    const { instagram, instagramToken, pageToken } = await createBusiness(store);
    const timeline = timelineEndingAt(systemClock.now() - 60_000, shape);
    const conversations = await writeConversations(store, instagram, shape, timeline);
    const detailMessageIds = await writeMessages(store, conversations, shape, timeline, onProgress);
    built = {
      format: WORLD_FORMAT,
      shape,
      file,
      instagramToken,
      pageToken,
      conversationIds: conversations.map((c) => c.id),
      detailMessageIds,
    };
  } finally {
    await store.close();
  }
  const world: BuiltWorld = { ...built, buildMs: Math.round(performance.now() - started) };
  writeFileSync(manifestPath(file), JSON.stringify(world));
  return world;
}
