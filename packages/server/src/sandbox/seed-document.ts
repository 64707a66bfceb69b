/**
 * A seed document (JSON or YAML; see docs/sandbox-api.md) read and checked whole before anything of it is
 * stored: wrong types, unknown folders and oversized repeats answer 400 here.
 */
import { readFileSync } from 'node:fs';
import { GraphError } from '@parley/protocol';
import { parse as parseYaml } from 'yaml';
import { INSTAGRAM_FOLDERS, MESSENGER_FOLDERS } from '../messaging/conversation-rules.ts';
import type { Folder } from '../store/schema.ts';
import {
  optionalEnum,
  optionalInteger,
  optionalObject,
  optionalObjectList,
  optionalString,
  optionalStringList,
  requiredString,
  type Body,
} from './input.ts';
import type { NewApp, NewInstagramAccount, NewPage, NewPerson, NewToken } from './world.ts';
import { readNewAccount, readNewApp, readNewPerson, readTokenSettings } from './world-input.ts';

/** A seed's entries refer to each other by `key`, or to what exists by id. */
interface Keyed {
  readonly key?: string;
}

export interface SeedMessage {
  readonly from: 'user' | 'business';
  readonly text?: string;
  readonly attachments?: { type: string; url: string; name?: string; mime_type?: string }[];
  /** When it was sent: `30s`, `5m`, `2h`, `3d` ago, or `at` an ISO time. */
  readonly ago?: string;
  readonly at?: string;
  /** Repeat this message `count` times, `every` apart (`{n}` in the text counts 1…count). */
  readonly count: number;
  readonly every?: string;
}

export interface SeedConversation {
  readonly id?: string;
  readonly account: string;
  readonly user: string;
  readonly folder?: Folder;
  readonly messages: readonly SeedMessage[];
}

export interface SeedDocument {
  readonly apps: readonly (NewApp & Keyed)[];
  readonly accounts: readonly ((NewInstagramAccount | NewPage) & Keyed & { instagram_account?: string })[];
  readonly users: readonly (NewPerson & Keyed & { follows: string[]; scoped_ids: Record<string, string> })[];
  readonly tokens: readonly (Omit<NewToken, 'app_id' | 'account_id'> & { app: string; account: string })[];
  readonly conversations: readonly SeedConversation[];
}

/** A message repeated more than this in one entry, or more messages than the total in one seed, is refused. */
export const SEED_LIMITS = { count: 10_000, messages: 100_000 } as const;

export function invalidSeed(detail: string): GraphError {
  return new GraphError('sandboxInvalidRequest', { detail: `Seed: ${detail}` });
}

function readMessage(body: Body): SeedMessage {
  const attachments = optionalObjectList(body, 'attachments')?.map((a) => ({
    type: requiredString(a, 'type', 40),
    url: requiredString(a, 'url', 4000),
    name: optionalString(a, 'name', 500),
    mime_type: optionalString(a, 'mime_type', 200),
  }));
  return {
    from: optionalEnum(body, 'from', ['user', 'business'] as const) ?? requiredString(body, 'from'),
    text: optionalString(body, 'text', 20_000),
    ...(attachments && { attachments }),
    ago: optionalString(body, 'ago', 50),
    at: optionalString(body, 'at', 50),
    count: optionalInteger(body, 'count', { min: 1, max: SEED_LIMITS.count }) ?? 1,
    every: optionalString(body, 'every', 50),
  } as SeedMessage;
}

function readConversation(body: Body): SeedConversation {
  return {
    id: optionalString(body, 'id', 200),
    account: requiredString(body, 'account', 100),
    user: requiredString(body, 'user', 100),
    folder: optionalEnum(body, 'folder', [...INSTAGRAM_FOLDERS, ...MESSENGER_FOLDERS]),
    messages: (optionalObjectList(body, 'messages') ?? []).map(readMessage),
  };
}

function key(body: Body): Keyed {
  const value = optionalString(body, 'key', 100);
  return value === undefined ? {} : { key: value };
}

function scopedIds(body: Body): Record<string, string> {
  const ids = optionalObject(body, 'scoped_ids') ?? {};
  return Object.fromEntries(Object.keys(ids).map((account) => [account, requiredString(ids, account, 32)]));
}

/** Checks a parsed document whole, answering it typed. */
export function readSeed(doc: unknown): SeedDocument {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw invalidSeed('a seed is an object with apps, accounts, users, tokens, conversations');
  }
  const body = doc as Body;
  const list = (name: string) => optionalObjectList(body, name) ?? [];
  const seed: SeedDocument = {
    apps: list('apps').map((app) => ({ ...readNewApp(app), ...key(app) })),
    accounts: list('accounts').map((account) => ({
      ...readNewAccount(account),
      ...key(account),
      instagram_account: optionalString(account, 'instagram_account', 100),
    })),
    users: list('users').map((user) => ({
      ...readNewPerson(user),
      ...key(user),
      follows: optionalStringList(user, 'follows') ?? [],
      scoped_ids: scopedIds(user),
    })),
    tokens: list('tokens').map((token) => ({
      ...readTokenSettings(token),
      app: requiredString(token, 'app', 100),
      account: requiredString(token, 'account', 100),
    })),
    conversations: list('conversations').map(readConversation),
  };
  const messages = seed.conversations
    .flatMap((c) => c.messages)
    .reduce((total, message) => total + message.count, 0);
  if (messages > SEED_LIMITS.messages) {
    throw invalidSeed(`at most ${SEED_LIMITS.messages} messages in one seed (this one has ${messages})`);
  }
  return seed;
}

export function parseSeedText(text: string): SeedDocument {
  let doc: unknown;
  try {
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new GraphError('sandboxInvalidRequest', {
      detail: `The seed is not valid JSON or YAML: ${(error as Error).message}`,
    });
  }
  return readSeed(doc);
}

export function readSeedFile(path: string): SeedDocument {
  return parseSeedText(readFileSync(path, 'utf8'));
}
