/**
 * The database schema as Kysely sees it. Times are epoch milliseconds (bigint), flags are 0/1 integers and
 * structured values are JSON text, so that one set of queries serves SQLite and PostgreSQL alike.
 */
import type { MediaType, WebhookPath } from '@parley/protocol';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type {
  WebhookAttemptRangesTable,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookEventsTable,
  WebhookObject,
  WebhookStreamsTable,
} from './webhook-schema.ts';
import type { GrantsTable, LoginApprovalsTable, OauthCodesTable, RolesTable } from './login-schema.ts';
import type { CommentsTable, MediaPostsTable } from './posts-schema.ts';
import type { CheckboxOptinsTable, MarketingOptinsTable } from './optins-schema.ts';
import type { ProductsTable } from './catalog-schema.ts';
import type { MessengerProfilePropertiesTable, WelcomeMessageFlowsTable } from './profile-schema.ts';
import type { AppRolesTable, PersonasTable, ThreadOwnersTable } from './routing-schema.ts';

export type * from './webhook-schema.ts';
export type * from './login-schema.ts';
export type * from './posts-schema.ts';
export type * from './optins-schema.ts';
export type * from './catalog-schema.ts';
export type * from './profile-schema.ts';
export type * from './routing-schema.ts';

export type AccountType = 'instagram' | 'page';
/**
 * A business token's kind: an Instagram user token (Instagram Login) or a Page token; it is also the path an
 * app hears an account's webhooks through.
 */
export type TokenKind = WebhookPath;
/** What the tokens table holds: business tokens, and the Facebook user tokens Facebook Login hands out. */
export type StoredTokenKind = TokenKind | 'user';
export type TokenLifetime = 'short' | 'long';
export type Platform = 'instagram' | 'messenger';
/** Instagram: primary, general, requests. Messenger: inbox, other, page_done, spam. */
export type Folder = 'primary' | 'general' | 'requests' | 'inbox' | 'other' | 'page_done' | 'spam';

export interface AppsTable {
  id: string;
  secret: string;
  name: string;
  access_level: 'standard' | 'advanced';
  /** JSON array of feature names, e.g. ["human_agent"]. */
  features: string;
  app_token: string;
  created_at: number;
  /** JSON array of the Valid OAuth Redirect URIs; an empty list accepts any (see differences-from-meta.md). */
  redirect_uris: ColumnType<string, string | undefined, string>;
  /** Where a person's removing the app is announced (a signed_request), if anywhere. */
  deauthorize_callback_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** Where a person's asking for their data to be deleted is announced, if anywhere. */
  data_deletion_url: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AccountsTable {
  id: string;
  type: AccountType;
  username: string | null;
  name: string | null;
  /** Instagram: the app-scoped id `GET /me` answers as `id` (the account id is its `user_id`). */
  app_scoped_id: string | null;
  /** Page: the Instagram professional account linked to it. */
  instagram_account_id: string | null;
  category: string | null;
  profile_picture_url: string | null;
  biography: string | null;
  followers_count: number;
  follows_count: number;
  media_count: number;
  /** Instagram: when the owner turned off "Allow access to messages" for connected tools; null while on. */
  messages_access_off_at: number | null;
  created_at: number;
}

/** A person on Instagram and Messenger. The API never shows this id, only the scoped ids below. */
export interface PeopleTable {
  id: string;
  username: string;
  name: string | null;
  profile_pic: string | null;
  follower_count: number;
  is_verified: number;
  locale: string | null;
  timezone: number | null;
  gender: string | null;
  created_at: number;
}

export interface FollowsTable {
  person_id: string;
  account_id: string;
  created_at: number;
}

/** IGSID (scoped to an Instagram account) or PSID (scoped to a Page). */
export interface ScopedIdsTable {
  scoped_id: string;
  account_id: string;
  person_id: string;
  created_at: number;
  /** When the person blocked the business account (sends then answer 551); null while not blocked. */
  blocked_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TokensTable {
  token: string;
  app_id: string;
  /** The business account the token acts for; empty for a Facebook user token. */
  account_id: string;
  kind: StoredTokenKind;
  /** JSON array of permission names. */
  scopes: string;
  expires_at: number | null;
  created_at: number;
  /** The login grant it came from (revoking the grant ends it); null for tokens the sandbox made. */
  grant_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** A user token's lifetime as Meta names it: 'short' (an hour) or 'long' (60 days); null for others. */
  lifetime: ColumnType<TokenLifetime | null, TokenLifetime | null | undefined, TokenLifetime | null>;
}

export interface ConversationsTable {
  seq: Generated<number>;
  id: string;
  account_id: string;
  person_id: string;
  scoped_id: string;
  folder: Folder;
  created_at: number;
  updated_at: number;
  message_count: Generated<number>;
  unread_count: Generated<number>;
  snippet: string | null;
  /** The person's last message, postback, referral or reaction: what opens the messaging window. */
  last_person_activity_at: number | null;
  /** When the business first replied (Instagram moves the thread to General then). */
  business_replied_at: number | null;
  /** The latest business message the person has seen. */
  person_seen_at: number | null;
  /** The business has read the person's messages up to this time (by replying or marking them seen). */
  business_read_at: number | null;
}

/** Every column of `conversations`, for queries that must name them (joins with aliased columns). */
export const CONVERSATION_COLUMNS = [
  'seq',
  'id',
  'account_id',
  'person_id',
  'scoped_id',
  'folder',
  'created_at',
  'updated_at',
  'message_count',
  'unread_count',
  'snippet',
  'last_person_activity_at',
  'business_replied_at',
  'person_seen_at',
  'business_read_at',
] as const satisfies readonly (keyof ConversationsTable)[];

// Fails to compile when a column of ConversationsTable is missing from the list above.
type MissingConversationColumns = Exclude<keyof ConversationsTable, (typeof CONVERSATION_COLUMNS)[number]>;
const allConversationColumnsListed: MissingConversationColumns extends never ? true : never = true;
void allConversationColumnsListed;

/** Every column of `messages`, for splitting joined rows. */
export const MESSAGE_COLUMNS = [
  'seq',
  'id',
  'conversation_id',
  'conversation_seq',
  'from_business',
  'created_at',
  'text',
  'attachments',
  'shares',
  'sticker',
  'story',
  'reply_to_mid',
  'context',
  'is_unsupported',
  'edit_count',
  'deleted_at',
] as const satisfies readonly (keyof MessagesTable)[];

export interface MessagesTable {
  seq: Generated<number>;
  id: string;
  conversation_id: string;
  /** The conversation's row: what a conversation's messages are listed by (see migrations.ts). */
  conversation_seq: number;
  from_business: number;
  created_at: number;
  text: string | null;
  /** JSON array of stored attachments. */
  attachments: string | null;
  /** JSON array of shares ({link, name?, id?}). */
  shares: string | null;
  sticker: string | null;
  /** JSON {reply_to|mention: {link, id}}. */
  story: string | null;
  reply_to_mid: string | null;
  /** JSON of extra facts about how the message came: quick reply payload, referral, postback. */
  context: string | null;
  is_unsupported: Generated<number>;
  edit_count: Generated<number>;
  deleted_at: number | null;
}

// Fails to compile when a column of MessagesTable is missing from MESSAGE_COLUMNS.
type MissingMessageColumns = Exclude<keyof MessagesTable, (typeof MESSAGE_COLUMNS)[number]>;
const allMessageColumnsListed: MissingMessageColumns extends never ? true : never = true;
void allMessageColumnsListed;

export interface ReactionsTable {
  message_id: string;
  /** 'person' or 'business'. */
  reactor: string;
  reaction: string;
  emoji: string;
  created_at: number;
}

/** A stored copy of sent media: what the CDN URLs serve, and what reusable attachment ids name. */
export interface MediaAssetsTable {
  id: string;
  account_id: string;
  attachment_type: MediaType;
  mime_type: string;
  size: number;
  name: string | null;
  bytes: Buffer;
  reusable: number;
  created_at: number;
  expires_at: number | null;
}

/** An app's webhook subscription for one object (`instagram` or `page`): where, and for which fields. */
export interface WebhookSubscriptionsTable {
  app_id: string;
  object: WebhookObject;
  callback_url: string;
  verify_token: string;
  /** JSON array of field names, as the app spelled them. */
  fields: string;
  /** JSON of the sandbox's delivery faults (see webhooks/faults.ts), or null. */
  faults: string | null;
  created_at: number;
  updated_at: number;
}

/** An app installed on a business account (`/{id}/subscribed_apps`): which fields that account sends it. */
export interface AccountSubscriptionsTable {
  account_id: string;
  app_id: string;
  /** The kind of token that subscribed: Instagram Login (`instagram`) or a Page token (`page`). */
  via: TokenKind;
  /** JSON array of field names, as the app spelled them. */
  fields: string;
  created_at: number;
  /** When deliveries for this account began failing without a success since. */
  failing_since: number | null;
  /** Set when an hour of failures unsubscribed the app, as Meta does. */
  disabled_at: number | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  apps: AppsTable;
  accounts: AccountsTable;
  people: PeopleTable;
  follows: FollowsTable;
  scoped_ids: ScopedIdsTable;
  tokens: TokensTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  reactions: ReactionsTable;
  media_assets: MediaAssetsTable;
  media_posts: MediaPostsTable;
  comments: CommentsTable;
  products: ProductsTable;
  messenger_profile_properties: MessengerProfilePropertiesTable;
  welcome_message_flows: WelcomeMessageFlowsTable;
  app_roles: AppRolesTable;
  thread_owners: ThreadOwnersTable;
  personas: PersonasTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  account_subscriptions: AccountSubscriptionsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_streams: WebhookStreamsTable;
  webhook_attempts: WebhookAttemptsTable;
  webhook_attempt_ranges: WebhookAttemptRangesTable;
  settings: SettingsTable;
  roles: RolesTable;
  grants: GrantsTable;
  oauth_codes: OauthCodesTable;
  login_approvals: LoginApprovalsTable;
  marketing_optins: MarketingOptinsTable;
  checkbox_optins: CheckboxOptinsTable;
}

export type AppRow = Selectable<AppsTable>;
export type AccountRow = Selectable<AccountsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type TokenRow = Selectable<TokensTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type ReactionRow = Selectable<ReactionsTable>;
/** A new message's row number is reserved first (`Store.reserveMessageRows`): its id carries it. */
export type NewMessage = Insertable<MessagesTable> & { seq: number };
export type NewConversation = Insertable<ConversationsTable>;
export type MediaAssetRow = Selectable<MediaAssetsTable>;
export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type AccountSubscriptionRow = Selectable<AccountSubscriptionsTable>;
