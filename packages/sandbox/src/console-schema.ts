/**
 * What the web console reads that the Graph API does not show: the whole world at a glance, an account's
 * conversations in every folder (those the 30-day Requests rule hides too), and a conversation's messages,
 * all of them, as the person and the business see them.
 */
import { z } from 'zod';
import { object, optionalInteger, optionalOneOf, optionalText, text } from './fields.ts';
import { Account, App, Person, Token } from './world-schema.ts';

const FOLDERS = ['primary', 'general', 'requests', 'inbox', 'other', 'page_done', 'spam'] as const;

/** `GET /world`: apps with their tokens, accounts, and the first people with their scoped ids. */
export const WorldView = z.object({
  apps: z.array(App.extend({ tokens: z.array(Token) })),
  accounts: z.array(Account),
  people: z.array(Person.extend({ scoped_ids: z.record(z.string(), z.string()) })),
});

/** Paging through a sandbox list: `after`, the `next` cursor of the page before. */
export const ListQuery = object({
  limit: optionalInteger({ min: 1, max: 200 }),
  after: optionalText(100),
});

export const InboxQuery = object({
  limit: optionalInteger({ min: 1, max: 200 }),
  after: optionalText(100),
  folder: optionalOneOf(FOLDERS),
});

export const InboxConversation = z.object({
  id: z.string(),
  folder: z.string(),
  person: z.object({ id: z.string(), username: z.string(), name: z.string().nullable() }),
  scoped_id: z.string(),
  snippet: z.string().nullable(),
  message_count: z.number(),
  unread_count: z.number(),
  updated_time: z.string(),
  last_user_activity_time: z.string().nullable(),
  /** Whether the person's last act is within the standard 24-hour window, and HUMAN_AGENT's 7 days. */
  window: z.object({ standard: z.boolean(), human_agent: z.boolean() }),
  /** Why the Graph API leaves it out, if it does. */
  hidden: z.string().nullable(),
});

export const Inbox = z.object({
  data: z.array(InboxConversation),
  paging: z.object({ next: z.string() }).optional(),
});

export const ThreadMessage = z.object({
  id: z.string(),
  from: z.enum(['person', 'business']),
  created_time: z.string(),
  text: z.string().nullable(),
  attachments: z.array(z.looseObject({ type: z.string() })),
  shares: z.array(z.looseObject({})),
  sticker: z.string().nullable(),
  story: z.looseObject({}).nullable(),
  reply_to: z.string().nullable(),
  /** How it came: a quick reply's payload, a postback, a referral; or what the business attached to it. */
  context: z.looseObject({}).nullable(),
  reactions: z.array(z.object({ by: z.string(), reaction: z.string(), emoji: z.string() })),
  edit_count: z.number(),
  /** Among the conversation's 20 newest: `GET /{message-id}` answers its details. */
  details: z.boolean(),
});

export const Thread = z.object({
  data: z.array(ThreadMessage),
  paging: z.object({ next: z.string() }).optional(),
});

/** `GET /api-log`: the newest calls first; `before` a call's id to page back. */
export const ApiLogQuery = object({
  limit: optionalInteger({ min: 1, max: 500 }),
  before: optionalInteger({ min: 1 }),
});

export const ApiCall = z.object({
  id: z.number(),
  method: z.string(),
  path: z.string(),
  token: z.string().optional(),
  /** The call's parameters, tokens and proofs hidden. */
  params: z.record(z.string(), z.unknown()),
  status: z.number(),
  answer: z.string(),
  usage: z.record(z.string(), z.string()).optional(),
  ms: z.number(),
  at: z.number(),
  sandboxAt: z.number(),
});

export const ApiCalls = z.object({ data: z.array(ApiCall) });

/** `POST /uploads`: the file is the body; the account is the one the person writes to. */
export const UploadQuery = object({ account_id: text(64) });

export const Uploaded = z.object({
  id: z.string(),
  type: z.enum(['image', 'video', 'audio', 'file']),
  /** A signed, expiring URL on Parley's CDN: what the person's message carries. */
  url: z.string(),
});
