/**
 * The world outside the API, as the sandbox creates it: apps, business accounts, people, follows and
 * tokens. Inputs are already validated (see input.ts); lookups that fail answer sandbox errors.
 */
import { GraphError } from '@parley/protocol';
import type { Clock } from '../clock.ts';
import { newId } from '../graph/ids.ts';
import type { AccountRow, AppRow, PersonRow, TokenRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';

export const DEFAULT_SCOPES = {
  instagram: [
    'instagram_business_basic',
    'instagram_business_manage_messages',
    'instagram_business_manage_comments',
  ],
  page: [
    'pages_messaging',
    'pages_manage_metadata',
    'pages_read_engagement',
    'pages_read_user_content',
    'pages_manage_engagement',
    'pages_show_list',
    'instagram_basic',
    'instagram_manage_messages',
    'instagram_manage_comments',
    'business_management',
    'pages_user_locale',
    'pages_user_timezone',
    'pages_user_gender',
  ],
} as const;

export interface NewApp {
  name: string;
  id?: string;
  secret?: string;
  app_token?: string;
  access_level?: 'standard' | 'advanced';
  features?: string[];
  /** Facebook Login's Valid OAuth Redirect URIs (also Instagram Login's). */
  redirect_uris?: string[];
  deauthorize_callback_url?: string;
  data_deletion_url?: string;
}

export interface NewInstagramAccount {
  type: 'instagram';
  username: string;
  name?: string;
  id?: string;
  app_scoped_id?: string;
  biography?: string;
  profile_picture_url?: string;
  followers_count?: number;
  follows_count?: number;
  media_count?: number;
}

export interface NewPage {
  type: 'page';
  name: string;
  id?: string;
  username?: string;
  category?: string;
  instagram_account_id?: string;
}

export interface NewPerson {
  username: string;
  name?: string;
  id?: string;
  profile_pic?: string;
  follower_count?: number;
  is_verified?: boolean;
  locale?: string;
  timezone?: number;
  gender?: string;
}

export interface NewToken {
  app_id: string;
  account_id: string;
  scopes?: string[];
  /** Seconds from now; absent means the token does not expire. */
  expires_in?: number;
  token?: string;
}

export function notFound(what: string, id: string): GraphError {
  return new GraphError('sandboxNotFound', { detail: `No ${what} with id ${id}` });
}

export function appView(app: AppRow) {
  return {
    id: app.id,
    name: app.name,
    secret: app.secret,
    app_token: app.app_token,
    access_level: app.access_level,
    features: JSON.parse(app.features) as string[],
    redirect_uris: JSON.parse(app.redirect_uris) as string[],
    deauthorize_callback_url: app.deauthorize_callback_url,
    data_deletion_url: app.data_deletion_url,
  };
}

export function accountView(a: AccountRow) {
  return a.type === 'instagram'
    ? {
        id: a.id,
        type: a.type,
        username: a.username,
        name: a.name,
        user_id: a.id,
        app_scoped_id: a.app_scoped_id,
        allow_messages_access: a.messages_access_off_at === null,
      }
    : {
        id: a.id,
        type: a.type,
        name: a.name,
        username: a.username,
        category: a.category,
        instagram_account_id: a.instagram_account_id,
      };
}

export function personView(p: PersonRow) {
  return {
    id: p.id,
    username: p.username,
    name: p.name,
    follower_count: p.follower_count,
    is_verified: p.is_verified === 1,
  };
}

/** A stored token's kind as the sandbox names it. */
export const TOKEN_KIND_VIEWS = { instagram: 'instagram_user', page: 'page', user: 'user' } as const;

export function tokenView(t: TokenRow) {
  return {
    access_token: t.token,
    kind: TOKEN_KIND_VIEWS[t.kind],
    app_id: t.app_id,
    account_id: t.account_id,
    scopes: JSON.parse(t.scopes) as string[],
    expires_at: t.expires_at === null ? null : Math.floor(t.expires_at / 1000),
  };
}

export class World {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async createApp(input: NewApp): Promise<AppRow> {
    const id = input.id ?? newId.app();
    const app: AppRow = {
      id,
      name: input.name,
      secret: input.secret ?? newId.appSecret(),
      app_token: input.app_token ?? `${id}|${newId.appTokenSuffix()}`,
      access_level: input.access_level ?? 'advanced',
      features: JSON.stringify(input.features ?? []),
      created_at: this.clock.now(),
      redirect_uris: JSON.stringify(input.redirect_uris ?? []),
      deauthorize_callback_url: input.deauthorize_callback_url ?? null,
      data_deletion_url: input.data_deletion_url ?? null,
    };
    await this.insertUnique(() => this.store.apps.insert(app), `An app with id ${id} already exists`);
    return app;
  }

  async createAccount(input: NewInstagramAccount | NewPage): Promise<AccountRow> {
    const now = this.clock.now();
    const common = {
      category: null,
      profile_picture_url: null,
      biography: null,
      followers_count: 0,
      follows_count: 0,
      media_count: 0,
      messages_access_off_at: null,
      created_at: now,
    };
    let account: AccountRow;
    if (input.type === 'instagram') {
      account = {
        ...common,
        id: input.id ?? newId.instagramAccount(),
        type: 'instagram',
        username: input.username,
        name: input.name ?? input.username,
        app_scoped_id: input.app_scoped_id ?? newId.instagramAppScopedUser(),
        instagram_account_id: null,
        biography: input.biography ?? null,
        profile_picture_url: input.profile_picture_url ?? null,
        followers_count: input.followers_count ?? 0,
        follows_count: input.follows_count ?? 0,
        media_count: input.media_count ?? 0,
      };
    } else {
      if (input.instagram_account_id !== undefined)
        await this.requireUnlinkedInstagram(input.instagram_account_id);
      account = {
        ...common,
        id: input.id ?? newId.page(),
        type: 'page',
        username: input.username ?? null,
        name: input.name,
        app_scoped_id: null,
        instagram_account_id: input.instagram_account_id ?? null,
        category: input.category ?? 'Business',
      };
    }
    await this.insertUnique(
      () => this.store.accounts.insert(account),
      `An account with id ${account.id} already exists`,
    );
    return account;
  }

  private async requireUnlinkedInstagram(instagramAccountId: string): Promise<void> {
    const ig = await this.store.accounts.get(instagramAccountId);
    if (ig?.type !== 'instagram') throw notFound('Instagram account', instagramAccountId);
    const linked = await this.store.accounts.getPageLinkedTo(instagramAccountId);
    if (linked) {
      throw new GraphError('sandboxConflict', {
        detail: `Instagram account ${instagramAccountId} is already linked to Page ${linked.id}`,
      });
    }
  }

  async createPerson(input: NewPerson): Promise<PersonRow> {
    const person: PersonRow = {
      id: input.id ?? newId.person(),
      username: input.username,
      name: input.name ?? null,
      profile_pic: input.profile_pic ?? null,
      follower_count: input.follower_count ?? 0,
      is_verified: input.is_verified ? 1 : 0,
      locale: input.locale ?? 'en_US',
      timezone: input.timezone ?? 0,
      gender: input.gender ?? null,
      created_at: this.clock.now(),
    };
    if (await this.store.people.getByUsername(person.username)) {
      throw new GraphError('sandboxConflict', { detail: `The username ${person.username} is taken` });
    }
    await this.insertUnique(
      () => this.store.people.insert(person),
      `A user with id ${person.id} already exists`,
    );
    return person;
  }

  async follow(personId: string, accountId: string, following = true): Promise<void> {
    await this.requirePerson(personId);
    const account = await this.requireAccount(accountId);
    if (account.type !== 'instagram') {
      throw new GraphError('sandboxInvalidRequest', {
        detail: 'People follow Instagram accounts; Pages have no followers here',
      });
    }
    if (following) await this.store.people.addFollow(personId, accountId, this.clock.now());
    else await this.store.people.removeFollow(personId, accountId);
  }

  async createToken(input: NewToken): Promise<TokenRow> {
    const app = await this.requireApp(input.app_id);
    const account = await this.requireAccount(input.account_id);
    const kind = account.type === 'instagram' ? 'instagram' : 'page';
    const now = this.clock.now();
    const token: TokenRow = {
      token: input.token ?? (kind === 'instagram' ? newId.instagramUserToken() : newId.pageToken()),
      app_id: app.id,
      account_id: account.id,
      kind,
      scopes: JSON.stringify(input.scopes ?? DEFAULT_SCOPES[kind]),
      expires_at: input.expires_in === undefined ? null : now + input.expires_in * 1000,
      created_at: now,
      grant_id: null,
      lifetime: null,
    };
    await this.insertUnique(() => this.store.tokens.insert(token), 'That access token already exists');
    return token;
  }

  async requireApp(id: string): Promise<AppRow> {
    const app = await this.store.apps.get(id);
    if (!app) throw notFound('app', id);
    return app;
  }

  async requireAccount(id: string): Promise<AccountRow> {
    const account = await this.store.accounts.get(id);
    if (!account) throw notFound('account', id);
    return account;
  }

  async requirePerson(id: string): Promise<PersonRow> {
    const person = await this.store.people.get(id);
    if (!person) throw notFound('user', id);
    return person;
  }

  private async insertUnique(insert: () => Promise<void>, conflict: string): Promise<void> {
    try {
      await insert();
    } catch (error) {
      if (isUniqueViolation(error)) throw new GraphError('sandboxConflict', { detail: conflict });
      throw error;
    }
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === '23505'
  );
}
