/**
 * A typed client for the sandbox control plane, its arguments and answers inferred from the schema. Uses the
 * global `fetch` (Node 20, browsers) or the one given; no Node-only imports.
 *
 * @example
 * const sandbox = new SandboxClient({ baseUrl: 'http://localhost:4600' });
 * const shop = await sandbox.createAccount({ type: 'instagram', username: 'my.shop' });
 * const mina = await sandbox.createUser({ username: 'mina.kim' });
 * await sandbox.sendMessage(mina.id, { to: shop.id, text: 'Hi!' });
 */
import type { z } from 'zod';
import type { Uploaded } from './console-schema.ts';
import { ROUTES, type BodyOf, type QueryOf, type ResultOf, type RouteName } from './routes.ts';

export interface SandboxClientOptions {
  /** Where Parley listens (`http://localhost:4600`); `/_parley` is added. */
  readonly baseUrl: string;
  /** The admin token Parley was started with, if any. */
  readonly adminToken?: string;
  readonly fetch?: typeof globalThis.fetch;
}

/** A refusal from the sandbox: the HTTP status and the Graph error envelope it answered. */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
    /** The answer, parsed (the `{error: {...}}` envelope), or its text when it is not JSON. */
    readonly body: unknown,
  ) {
    super(message);
  }
}

interface Call {
  readonly params?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, unknown>>;
}

export class SandboxClient {
  readonly #base: string;
  readonly #token: string | undefined;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: SandboxClientOptions) {
    this.#base = `${options.baseUrl.replace(/\/+$/, '')}/_parley`;
    this.#token = options.adminToken;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Calls a route of the table by name; the typed methods below are this with names for their parts. */
  async call<N extends RouteName>(name: N, call: Call = {}): Promise<ResultOf<N>> {
    const route = ROUTES[name];
    const path = route.path.replace(/\{(\w+)\}/g, (_, part: string) =>
      encodeURIComponent(call.params?.[part] ?? ''),
    );
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined && value !== null) query.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.#fetch(`${this.#base}${path}${query.size ? `?${query}` : ''}`, {
      method: route.method,
      headers,
      ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON (a proxy's page): kept as text.
    }
    if (!res.ok) {
      const error = (body as { error?: { message?: unknown; code?: unknown } } | undefined)?.error;
      throw new SandboxError(
        res.status,
        typeof error?.code === 'number' ? error.code : undefined,
        typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`,
        body,
      );
    }
    return body as ResultOf<N>;
  }

  health = () => this.call('health');

  createApp = (body: BodyOf<'createApp'>) => this.call('createApp', { body });
  getApp = (id: string) => this.call('getApp', { params: { id } });
  createAccount = (body: BodyOf<'createAccount'>) => this.call('createAccount', { body });
  getAccount = (id: string) => this.call('getAccount', { params: { id } });
  updateAccount = (id: string, body: BodyOf<'updateAccount'>) =>
    this.call('updateAccount', { params: { id }, body });
  createUser = (body: BodyOf<'createUser'>) => this.call('createUser', { body });
  getUser = (id: string) => this.call('getUser', { params: { id } });
  follow = (body: BodyOf<'follow'>) => this.call('follow', { body });
  unfollow = (body: BodyOf<'unfollow'>) => this.call('unfollow', { body });
  createToken = (body: BodyOf<'createToken'>) => this.call('createToken', { body });
  /** Every token of an app, with its kind, login, scopes, expiry and state. */
  appTokens = (appId: string) => this.call('appTokens', { params: { id: appId } });
  roles = (userId: string) => this.call('roles', { query: { user_id: userId } });
  setRole = (body: BodyOf<'setRole'>) => this.call('setRole', { body });
  removeRole = (body: BodyOf<'removeRole'>) => this.call('removeRole', { body });
  /** The next login dialog of the app answers as the person would, without a page (for headless tests). */
  approveLogin = (body: BodyOf<'approveLogin'>) => this.call('approveLogin', { body });
  /** The person removes the app in their settings: its grants end, its callbacks hear of it. */
  removeApp = (userId: string, body: BodyOf<'removeApp'>) =>
    this.call('removeApp', { params: { id: userId }, body });

  /** The person `userId` writes to an account (`to`). */
  sendMessage = (userId: string, body: BodyOf<'sendMessage'>) =>
    this.call('sendMessage', { params: { id: userId }, body });
  /** `sendMessage` with text only. */
  say = (userId: string, to: string, text: string) => this.sendMessage(userId, { to, text });
  react = (userId: string, body: BodyOf<'react'>) => this.call('react', { params: { id: userId }, body });
  markSeen = (userId: string, body: BodyOf<'markSeen'>) =>
    this.call('markSeen', { params: { id: userId }, body });
  postback = (userId: string, body: BodyOf<'postback'>) =>
    this.call('postback', { params: { id: userId }, body });
  referral = (userId: string, body: BodyOf<'referral'>) =>
    this.call('referral', { params: { id: userId }, body });
  optin = (userId: string, body: BodyOf<'optin'>) => this.call('optin', { params: { id: userId }, body });
  /** The person ticks a Page's checkbox plugin on a website: the Page may message the `user_ref` once. */
  checkboxOptin = (userId: string, body: BodyOf<'checkboxOptin'>) =>
    this.call('checkboxOptin', { params: { id: userId }, body });
  /** What the person opted in to: marketing messages tokens and checkbox plugin user_refs. */
  optins = (userId: string) => this.call('optins', { params: { id: userId } });
  /** The person stops (or resumes) the marketing messages of a token's topic. */
  stopNotifications = (userId: string, token: string) =>
    this.call('stopNotifications', { params: { id: userId, token } });
  resumeNotifications = (userId: string, token: string) =>
    this.call('resumeNotifications', { params: { id: userId, token } });
  /** The person taps the Get Started button of an account's welcome screen. */
  getStarted = (userId: string, body: BodyOf<'getStarted'>) =>
    this.call('getStarted', { params: { id: userId }, body });
  /** The person taps one of the ice breakers they see (by its question). */
  tapIceBreaker = (userId: string, body: BodyOf<'tapIceBreaker'>) =>
    this.call('tapIceBreaker', { params: { id: userId }, body });
  /** The person opens the persistent menu and taps an item (by its title). */
  tapMenu = (userId: string, body: BodyOf<'tapMenu'>) =>
    this.call('tapMenu', { params: { id: userId }, body });
  block = (userId: string, accountId: string) =>
    this.call('block', { params: { id: userId }, body: { account_id: accountId } });
  unblock = (userId: string, accountId: string) =>
    this.call('unblock', { params: { id: userId, account: accountId } });
  /** The person comments on a post, or replies to a comment (`parent_id`). */
  comment = (userId: string, body: BodyOf<'comment'>) =>
    this.call('comment', { params: { id: userId }, body });
  /** The sender unsends a message. */
  unsend = (messageId: string) => this.call('unsend', { params: { id: messageId } });
  editMessage = (messageId: string, text: string) =>
    this.call('editMessage', { params: { id: messageId }, body: { text } });

  getConversation = (id: string) => this.call('getConversation', { params: { id } });
  moveConversation = (id: string, folder: BodyOf<'moveConversation'>['folder']) =>
    this.call('moveConversation', { params: { id }, body: { folder } });
  /** An account's primary and secondary receivers (conversation routing). */
  conversationRouting = (accountId: string) =>
    this.call('conversationRouting', { params: { id: accountId } });
  /** Sets an account's receivers, as the app dashboard's conversation routing does (a primary turns it on). */
  setConversationRouting = (accountId: string, body: BodyOf<'setConversationRouting'>) =>
    this.call('setConversationRouting', { params: { id: accountId }, body });
  /** Who controls a conversation, and what its inbox may do. */
  threadControl = (conversationId: string) => this.call('threadControl', { params: { id: conversationId } });
  /** The business's inbox passes, takes, requests or releases a conversation. */
  inboxThreadControl = (conversationId: string, body: BodyOf<'inboxThreadControl'>) =>
    this.call('inboxThreadControl', { params: { id: conversationId }, body });
  /** A post on the business's account: a post, a reel, a story or a live broadcast (a Page's: a post). */
  createPost = (accountId: string, body: BodyOf<'createPost'> = {}) =>
    this.call('createPost', { params: { id: accountId }, body });
  /** An account's posts, newest first, with their comment counts. */
  accountPosts = (accountId: string, query: QueryOf<'accountPosts'> = {}) =>
    this.call('accountPosts', { params: { id: accountId }, query });
  getPost = (id: string) => this.call('getPost', { params: { id } });
  /** The business turns comments off or on, or ends a live broadcast. */
  updatePost = (id: string, body: BodyOf<'updatePost'>) => this.call('updatePost', { params: { id }, body });
  /** A person's own post; the accounts its caption @mentions hear of it. */
  personPost = (userId: string, body: BodyOf<'personPost'>) =>
    this.call('personPost', { params: { id: userId }, body });
  /** A post's comments, newest first, each with its replies. */
  postComments = (mediaId: string, query: QueryOf<'postComments'> = {}) =>
    this.call('postComments', { params: { id: mediaId }, query });
  /** The business hides or shows a comment; its author edits a Facebook comment. */
  updateComment = (id: string, body: BodyOf<'updateComment'>) =>
    this.call('updateComment', { params: { id }, body });
  /** The business's staff comment on its own post, or reply, from Meta's app. */
  businessComment = (accountId: string, body: BodyOf<'businessComment'>) =>
    this.call('businessComment', { params: { id: accountId }, body });
  /** The comment's author deletes it (the business, its own); a top-level comment's replies go with it. */
  deleteComment = (id: string) => this.call('deleteComment', { params: { id } });
  /** A product in a Page's catalog, which the product template sends. */
  createProduct = (pageId: string, body: BodyOf<'createProduct'>) =>
    this.call('createProduct', { params: { id: pageId }, body });

  limits = () => this.call('limits');
  setLimits = (body: BodyOf<'setLimits'>) => this.call('setLimits', { body });
  clock = () => this.call('clock');
  /** Any of advancing, setting and freezing the clock, at once. */
  moveClock = (body: BodyOf<'moveClock'>) => this.call('moveClock', { body });
  setClock = (at: string | number | Date) => this.moveClock({ set: at instanceof Date ? at.getTime() : at });
  advanceClock = (seconds: number) => this.moveClock({ advance_seconds: seconds });
  freezeClock = (frozen = true) => this.moveClock({ freeze: frozen });
  /** Empties the world (and loads the demo world with `'demo'`). */
  reset = (seed: BodyOf<'reset'>['seed'] = 'none') => this.call('reset', { body: { seed } });
  /** Loads a seed document into the current world. */
  seed = (document: BodyOf<'seed'>) => this.call('seed', { body: document });

  subscriptions = (query: QueryOf<'subscriptions'> = {}) => this.call('subscriptions', { query });
  deliveries = (query: QueryOf<'deliveries'> = {}) => this.call('deliveries', { query });
  delivery = (id: string) => this.call('delivery', { params: { id } });
  replay = (id: string) => this.call('replay', { params: { id } });
  /** An attempt's POST as sent (headers and body), kept while a console watches. */
  sentRequest = (attemptId: string) => this.call('sentRequest', { params: { id: attemptId } });
  faults = (query: QueryOf<'faults'> = {}) => this.call('faults', { query });
  setFaults = (body: BodyOf<'setFaults'>) => this.call('setFaults', { body });
  clearFaults = (query: QueryOf<'clearFaults'> = {}) => this.call('clearFaults', { query });

  /** Apps with their tokens, accounts, and the first people with their scoped ids. */
  world = () => this.call('world');
  /** An account's conversations, newest first, hidden ones included (with the reason). */
  inbox = (accountId: string, query: QueryOf<'inbox'> = {}) =>
    this.call('inbox', { params: { id: accountId }, query });
  /** A file a person will send to an account: stored, and answered with the URL their message carries. */
  async upload(accountId: string, file: Blob, name?: string): Promise<z.output<typeof Uploaded>> {
    const headers: Record<string, string> = {
      'content-type': file.type || 'application/octet-stream',
      'x-parley-upload': '1',
      ...(name && { 'x-parley-file-name': name }),
      ...(this.#token && { authorization: `Bearer ${this.#token}` }),
    };
    const res = await this.#fetch(`${this.#base}/uploads?account_id=${encodeURIComponent(accountId)}`, {
      method: 'POST',
      headers,
      body: file,
    });
    const body = (await res.json()) as { error?: { message?: string; code?: number } };
    if (!res.ok)
      throw new SandboxError(res.status, body.error?.code, body.error?.message ?? `HTTP ${res.status}`, body);
    return body as z.output<typeof Uploaded>;
  }

  /** The recent Graph calls made to Parley, newest first. */
  apiLog = (query: QueryOf<'apiLog'> = {}) => this.call('apiLog', { query });
  /** What a person (or someone new) sees of an account's Messenger profile: the welcome screen and the menu. */
  profileView = (accountId: string, query: QueryOf<'profileView'> = {}) =>
    this.call('profileView', { params: { id: accountId }, query });
  /** A conversation's messages, newest first, all of them. */
  thread = (conversationId: string, query: QueryOf<'thread'> = {}) =>
    this.call('thread', { params: { id: conversationId }, query });
}
