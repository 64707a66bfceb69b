/**
 * A seed document: a whole world in one JSON or YAML document (`--seed FILE`, `POST /seed`). Its entries name
 * each other by `key`, or what exists by id. Checked whole here, before anything of it is stored.
 */
import { WEBHOOK_FIELD_ALIASES, WEBHOOK_FIELDS, WEBHOOK_OBJECTS, type WebhookObject } from '@parley/protocol';
import { z } from 'zod';
import {
  list,
  object,
  oneOf,
  optional,
  optionalFlag,
  optionalInteger,
  optionalOneOf,
  optionalStringList,
  optionalText,
  text,
} from './fields.ts';
import { FOLDERS } from './control-schema.ts';
import { NewPost } from './posts-schema.ts';
import { Attachment } from './people-schema.ts';
import { ROLES } from './login-schema.ts';
import {
  accountUnion,
  App,
  Account,
  newAppFields,
  newInstagramAccountFields,
  newPageFields,
  newPersonFields,
  Token,
  tokenSettingsFields,
} from './world-schema.ts';

/** A message repeated more than this in one entry, or more messages than the total in one seed, is refused. */
export const SEED_LIMITS = { count: 10_000, messages: 100_000 } as const;

/** A reference to another entry of the seed (its `key`) or to what exists (its id). */
const ref = () => text(100);
const key = optionalText(100);
const list0 = <T extends z.ZodType>(item: T) => optional(list(item)).transform((items) => items ?? []);

export const SeedMessage = object({
  from: oneOf(['user', 'business'] as const),
  text: optionalText(20_000),
  attachments: optional(list(Attachment.omit({ id: true }))),
  /** When it was sent: `30s`, `5m`, `2h`, `3d` ago, or `at` an ISO time. */
  ago: optionalText(50),
  at: optionalText(50),
  /** Repeat this message `count` times, `every` apart (`{n}` in the text counts 1…count). */
  count: optionalInteger({ min: 1, max: SEED_LIMITS.count }).transform((n) => n ?? 1),
  every: optionalText(50),
});

export const SeedConversation = object({
  id: optionalText(200),
  account: ref(),
  user: ref(),
  folder: optionalOneOf(FOLDERS),
  messages: list0(SeedMessage),
});

/** A comment of a seed post: by a user (key or id), or by the business when `user` is absent. */
const seedCommentFields = {
  id: optionalText(100),
  user: optionalText(100),
  text: text(2200),
  /** When it was written: `ago` (`5h`) or `at` an ISO time; a minute after the one before otherwise. */
  ago: optionalText(50),
  at: optionalText(50),
  hidden: optionalFlag(),
};

export const SeedComment = object({ ...seedCommentFields, replies: list0(object(seedCommentFields)) });

/** A post of the business (Instagram: a post, reel, story or live broadcast; a Page: a post). */
export const SeedPost = object({
  key,
  id: optionalText(100),
  account: ref(),
  ...NewPost.shape,
  ago: optionalText(50),
  at: optionalText(50),
  comments: list0(SeedComment),
});

/** The field names an object's subscriptions take, with their other spellings. */
function fieldsOf(object: WebhookObject): readonly string[] {
  const names: readonly string[] = WEBHOOK_FIELDS[object];
  const aliases = Object.entries(WEBHOOK_FIELD_ALIASES)
    .filter(([alias, canonical]) => names.includes(canonical) || names.includes(alias))
    .flat();
  return [...new Set([...names, ...aliases])];
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * An app's webhook subscription to an object, made as `POST /{app-id}/subscriptions` makes it (the callback
 * verified first), and the accounts the app is installed on (`subscribed_apps`) for the same fields.
 */
export const SeedWebhook = object({
  app: ref(),
  object: oneOf(WEBHOOK_OBJECTS),
  callback_url: text(2000).refine(isHttpUrl, { error: 'must be an http or https URL' }),
  verify_token: text(200),
  fields: optionalStringList().transform((fields) => fields ?? []),
  installed_on: optional(list(ref())).transform((accounts) => accounts ?? []),
}).superRefine((webhook, ctx) => {
  if (webhook.fields.length === 0) ctx.addIssue({ code: 'custom', path: ['fields'], message: 'is required' });
  const known = fieldsOf(webhook.object);
  webhook.fields.forEach((name, i) => {
    if (!known.includes(name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields', i],
        message: `must be one of ${known.join(', ')} (the ${webhook.object} object's fields)`,
      });
    }
  });
});

/**
 * An account's receivers, as the app dashboard's conversation routing sets them: apps by key or id, or the
 * account's inbox by its id.
 */
export const SeedRouting = object({
  account: ref(),
  primary_receiver: ref(),
  secondary_receivers: list0(ref()),
});

const SeedAccount = accountUnion(
  object({ ...newInstagramAccountFields, key }),
  /** A Page linked to an Instagram account of the seed (`instagram_account`) or an existing one. */
  object({ ...newPageFields, key, instagram_account: optionalText(100) }),
);

const SeedUser = object({
  ...newPersonFields,
  key,
  /** Instagram accounts the person follows. */
  follows: optionalStringList().transform((accounts) => accounts ?? []),
  /** Roles the person has, by app or account key: `{ app: developer, page: admin }`. */
  roles: optional(z.record(z.string(), oneOf(ROLES), { error: 'must be an object' })).transform(
    (roles) => roles ?? {},
  ),
  /** Fixed IGSID/PSID per account. */
  scoped_ids: optional(z.record(z.string(), text(32), { error: 'must be an object' })).transform(
    (ids) => ids ?? {},
  ),
});

export const SeedDocument = object({
  apps: list0(object({ ...newAppFields, key })),
  accounts: list0(SeedAccount),
  users: list0(SeedUser),
  tokens: list0(object({ ...tokenSettingsFields, app: ref(), account: ref() })),
  conversations: list0(SeedConversation),
  posts: list0(SeedPost),
  webhooks: list0(SeedWebhook),
  conversation_routing: list0(SeedRouting),
}).superRefine((seed, ctx) => {
  const messages = seed.conversations
    .flatMap((c) => c.messages)
    .reduce((total, message) => total + message.count, 0);
  if (messages > SEED_LIMITS.messages) {
    ctx.addIssue({
      code: 'custom',
      path: ['conversations'],
      message: `at most ${SEED_LIMITS.messages} messages in one seed (this one has ${messages})`,
    });
  }
});
export type SeedDocument = z.output<typeof SeedDocument>;
/** A seed as written: what `POST /seed` and `SandboxClient.seed` take. */
export type SeedInput = z.input<typeof SeedDocument>;

/** What a seed created, by key (by id for entries without one). */
export const Seeded = z.object({
  success: z.literal(true),
  apps: z.record(z.string(), App),
  accounts: z.record(z.string(), Account),
  users: z.record(z.string(), z.string()),
  tokens: z.array(Token),
  /** Post ids by key (by id for posts without one). */
  posts: z.record(z.string(), z.string()),
  webhooks: z.array(
    z.object({
      app_id: z.string(),
      object: z.enum(WEBHOOK_OBJECTS),
      callback_url: z.string(),
      fields: z.array(z.string()),
      installed_on: z.array(z.string()),
    }),
  ),
});
