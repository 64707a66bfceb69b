/**
 * `createParley()`: Parley inside a test process. A server on a free port of 127.0.0.1, an in-memory store
 * and the demo world by default, and handles on everything a test touches: the world's tokens, app,
 * accounts and people, the clock, the webhooks it made, and a reset cheap enough for every test.
 */
import type { LogLevel } from '../core/logger.ts';
import { startServer } from '../main.ts';
import { parseDuration } from '../sandbox/seed.ts';
import { seedDocumentOf } from '../sandbox/demo.ts';
import { subscribeBot, type BotSubscription } from './bot-subscription.ts';
import { personHandle, type Person } from './people.ts';
import { inboxHandles, routingHandles, type InboxHandles, type RoutingHandles } from './routing.ts';
import { SandboxClient, type BodyOf, type ResultOf, type SeedInput } from '@parley/sandbox';
import { WebhookLog, type SandboxDelivery } from './webhook-log.ts';

export interface CreateParleyOptions {
  /** The world: `'demo'` (default), `'none'`, a seed document, or the path of a JSON or YAML seed file. */
  readonly seed?: 'demo' | 'none' | string | SeedInput;
  /** The store: `':memory:'` (default), a SQLite file or a `postgres://` URL. Its world is replaced by the seed. */
  readonly db?: string;
  /** The port on 127.0.0.1 (default: a free one). */
  readonly port?: number;
  /** Meta's rate limits (default on, as Meta applies them). */
  readonly rateLimits?: boolean;
  /** Parley's log on stderr: a line per Graph request and webhook attempt at `info` (default `silent`). */
  readonly logLevel?: LogLevel;
  /** Sandbox time after every start and reset: from `start` (default now), standing still if `frozen`. */
  readonly clock?: { readonly start?: Date | string | number; readonly frozen?: boolean };
  /**
   * Subscribes the world's first app to a bot's endpoint (fields default to messages, echoes, postbacks,
   * reactions, reads, referrals and opt-ins), after Meta's handshake, and installs it on its accounts.
   */
  readonly webhooks?: BotSubscription;
}

export interface ParleyApp {
  readonly id: string;
  readonly secret: string;
  /** `{app-id}|{secret-ish}`: the app token for `/{app-id}/subscriptions`. */
  readonly token: string;
}

export interface ParleyAccount {
  readonly id: string;
  readonly type: 'instagram' | 'page';
  readonly username: string | null;
  readonly name: string | null;
  /** The token the seed gave the first app on this account, if any. */
  readonly token?: string;
}

/** The demo world's names: typed for `parley.people.mina`; any other seed's names are reached the same way. */
export type DemoPersonKey = 'mina' | 'jun' | 'sora' | 'lee' | 'alex' | 'sam' | 'pat' | 'robin';
/** The demo world's posts: a post and a reel on the Instagram account. */
export type DemoPostKey = 'roast' | 'reel';

/** A post as the sandbox answers it (`GET /_parley/media/{id}`). */
export type ParleyPost = ResultOf<'createPost'>;
type Named<K extends string, T> = Readonly<Record<K, T>> & Readonly<Record<string, T>>;

export interface Parley {
  /** `http://127.0.0.1:{port}`: point a bot's Graph base URL here (`{url}/v23.0/...`). */
  readonly url: string;
  /** The world's tokens by account key (`instagram`/`page` name the demo's). */
  readonly tokens: Named<'instagram' | 'page', string>;
  readonly app: ParleyApp;
  /** By seed key (the demo's: `shop`, the Instagram account, and `page`). A name not in the world throws. */
  readonly accounts: Named<'shop' | 'page', ParleyAccount>;
  /** By seed key (the demo's: mina, jun, sora, lee on Instagram; alex, sam, pat on Messenger). */
  readonly people: Named<DemoPersonKey, Person>;
  /** The seed's post ids by key (the demo's: `roast`, `reel`); people comment on them. */
  readonly posts: Named<DemoPostKey, string>;
  /** The business publishes a post on an account (seed key or id): a post, or a reel, story or live broadcast. */
  publish(account: string, post?: BodyOf<'createPost'>): Promise<ParleyPost>;
  readonly clock: {
    now(): Promise<Date>;
    /** Moves sandbox time on: `'25h'`, `'8d'`, `'1d2h'`, or milliseconds. */
    advance(by: string | number): Promise<void>;
    set(to: Date | string | number): Promise<void>;
    freeze(frozen?: boolean): Promise<void>;
  };
  readonly webhooks: WebhookLog;
  /** Conversation routing: which app is each account's primary receiver, as the app dashboard sets it. */
  readonly routing: RoutingHandles;
  /** The business's inbox (Meta Business Suite, the Instagram app): its people pass and take conversations. */
  readonly inbox: InboxHandles;
  /** The sandbox control plane, for everything the handles do not cover. */
  readonly sandbox: SandboxClient;
  /** Puts the world back as the seed made it (and the clock and subscriptions as the options say). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

type Created = ResultOf<'seed'>;

export async function createParley(options: CreateParleyOptions = {}): Promise<Parley> {
  const seed = options.seed ?? 'demo';
  const doc: SeedInput | undefined = typeof seed === 'string' ? seedDocumentOf(seed) : seed;
  const server = await startServer({
    port: options.port ?? 0,
    host: '127.0.0.1',
    db: options.db ?? ':memory:',
    seed: 'none',
    logLevel: options.logLevel ?? 'silent',
    rateLimits: options.rateLimits ?? true,
  });
  const sandbox = new SandboxClient({ baseUrl: server.url });
  const bots: BotSubscription[] = options.webhooks ? [options.webhooks] : [];
  const webhooks = new WebhookLog(
    () => allDeliveries(sandbox),
    async (bot) => {
      await subscribeBot(server.url, world.wiredApp(), bot);
      bots.push(bot);
    },
  );
  const world = new WorldHandles(sandbox, webhooks);
  const apply = async () => {
    await sandbox.reset('none');
    const created = doc ? await sandbox.seed(doc) : undefined;
    world.update(created, doc);
    if (options.clock) {
      const { start, frozen } = options.clock;
      await sandbox.moveClock({
        ...(start !== undefined && { set: start instanceof Date ? start.getTime() : start }),
        ...(frozen !== undefined && { freeze: frozen }),
      });
    }
    for (const bot of bots) await subscribeBot(server.url, world.wiredApp(), bot);
  };
  try {
    await apply();
  } catch (error) {
    await server.close();
    throw error;
  }
  const clockMove = (body: Parameters<SandboxClient['moveClock']>[0]) =>
    sandbox.moveClock(body).then(() => undefined);
  return {
    url: server.url,
    get tokens() {
      return named<'instagram' | 'page', string>('token', world.tokens);
    },
    get app() {
      return world.app;
    },
    get accounts() {
      return named<'shop' | 'page', ParleyAccount>('business account', world.accounts);
    },
    get people() {
      return named<DemoPersonKey, Person>('person', world.people);
    },
    get posts() {
      return named<DemoPostKey, string>('post', world.posts);
    },
    publish: (account, post = {}) => sandbox.createPost(world.resolveAccount(account), post),
    clock: {
      now: async () => new Date((await sandbox.clock()).timestamp),
      advance: (by) =>
        clockMove({ advance_seconds: (typeof by === 'number' ? by : parseDuration(by)) / 1000 }),
      set: (to) => clockMove({ set: to instanceof Date ? to.getTime() : to }),
      freeze: (frozen = true) => clockMove({ freeze: frozen }),
    },
    webhooks,
    routing: routingHandles(sandbox, (account) => world.resolveAccount(account)),
    inbox: inboxHandles(sandbox),
    sandbox,
    reset: apply,
    close: () => server.close(),
  };
}

/** Names libraries look up on any object (promises, JSON, test matchers, inspectors): never a world's names. */
const INTROSPECTED = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  'nodeType',
  'tagName',
  'inspect',
  'length',
]);

/** A world's things by name, typed for the demo's names: a name the world does not have throws, with the ones it has. */
function named<K extends string, T>(what: string, things: Record<string, T>): Named<K, T> {
  return new Proxy(things, {
    get(target, name) {
      if (typeof name !== 'string' || name in target || INTROSPECTED.has(name) || /^[$@_]/.test(name))
        return Reflect.get(target, name);
      throw new Error(
        `No ${what} "${name}" in this world (it has: ${Object.keys(target).join(', ') || 'none'})`,
      );
    },
  }) as Named<K, T>;
}

/** The world the seed made, by its keys. */
class WorldHandles {
  tokens: Record<string, string> = {};
  app: ParleyApp = { id: '', secret: '', token: '' };
  accounts: Record<string, ParleyAccount> = {};
  people: Record<string, Person> = {};
  posts: Record<string, string> = {};

  constructor(
    private readonly sandbox: SandboxClient,
    private readonly webhooks: WebhookLog,
  ) {}

  /** The first app, with the accounts it holds tokens for. */
  wiredApp() {
    if (!this.app.id) throw new Error('The webhooks option needs an app in the seed');
    const accounts = Object.values(this.accounts).flatMap((a) =>
      a.token ? [{ id: a.id, type: a.type, token: a.token }] : [],
    );
    return { id: this.app.id, token: this.app.token, accounts };
  }

  /** An account's id from its seed key or id. */
  resolveAccount(keyOrId: string): string {
    const id = this.accounts[keyOrId]?.id ?? Object.values(this.accounts).find((a) => a.id === keyOrId)?.id;
    if (!id) throw new Error(`No business account "${keyOrId}" in this world`);
    return id;
  }

  update(created: Created | undefined, doc: SeedInput | undefined): void {
    const firstApp = Object.values(created?.apps ?? {})[0];
    this.app = firstApp
      ? { id: firstApp.id, secret: firstApp.secret, token: firstApp.app_token }
      : { id: '', secret: '', token: '' };
    const tokenOf = (accountId: string) =>
      created?.tokens.find((t) => t.account_id === accountId && t.app_id === this.app.id)?.access_token;
    this.accounts = Object.fromEntries(
      Object.entries(created?.accounts ?? {}).map(([key, a]) => {
        const token = tokenOf(a.id);
        return [key, { id: a.id, type: a.type, username: a.username, name: a.name, ...(token && { token }) }];
      }),
    );
    this.tokens = Object.fromEntries(
      Object.entries(this.accounts).flatMap(([key, a]) => (a.token ? [[key, a.token]] : [])),
    );
    // The demo's two tokens by the platform they stand for, as the README names them.
    for (const a of Object.values(this.accounts)) {
      if (a.token && this.tokens[a.type === 'instagram' ? 'instagram' : 'page'] === undefined)
        this.tokens[a.type === 'instagram' ? 'instagram' : 'page'] = a.token;
    }
    this.posts = { ...created?.posts };
    const accountIds = Object.values(this.accounts).map((a) => a.id);
    const accounts = {
      resolve: (keyOrId: string) => this.resolveAccount(keyOrId),
      defaultFor: (scopedIds: Readonly<Record<string, string>>) => {
        const id = Object.keys(scopedIds)[0] ?? accountIds[0];
        if (!id) throw new Error('This world has no business account to write to');
        return id;
      },
    };
    const seeded = new Map((doc?.users ?? []).map((u) => [u.key ?? u.id, u.scoped_ids ?? {}]));
    this.people = Object.fromEntries(
      Object.entries(created?.users ?? {}).map(([key, id]) => {
        const scoped = Object.fromEntries(
          Object.entries(seeded.get(key) ?? {}).map(([account, scopedId]) => [
            accounts.resolve(account),
            String(scopedId),
          ]),
        );
        return [key, personHandle(key, id, scoped, accounts, this.sandbox, this.webhooks)];
      }),
    );
  }
}

async function allDeliveries(sandbox: SandboxClient): Promise<SandboxDelivery[]> {
  const all: SandboxDelivery[] = [];
  let before: string | undefined;
  do {
    const page = await sandbox.deliveries({ limit: 500, ...(before && { before }) });
    all.push(...page.data);
    before = page.paging?.before;
  } while (before);
  return all.reverse();
}
