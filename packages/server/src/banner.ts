/** What `parley start` prints once listening: where it is, what world it holds, and how to reach it. */
import type { FirstApp, WorldAtStart } from './start-world.ts';
import { isPostgresUrl, shownDatabase } from './store/open-store.ts';

export interface BannerFacts {
  readonly url: string;
  readonly version: string;
  readonly db: string;
  readonly world: WorldAtStart;
  readonly app?: {
    readonly id: string;
    readonly name: string;
    readonly secret: string;
    readonly token: string;
  };
  readonly tokens: readonly { readonly token: string; readonly account: string }[];
  /** The bot subscription `--webhook-url` made, or why it could not be made. */
  readonly webhooks?: {
    readonly url: string;
    readonly objects?: Record<string, string[]>;
    readonly error?: string;
  };
  readonly adminToken: boolean;
}

export const DOCS_URL = 'https://github.com/parley-dev/parley/tree/main/docs';

/** What a developer copies from the banner: the first app, and (up to five of) its tokens with their accounts. */
export function worldFacts(first: FirstApp | undefined): Pick<BannerFacts, 'app' | 'tokens'> {
  if (!first) return { tokens: [] };
  const { app } = first;
  const tokens = first.tokens.slice(0, 5).map(({ token, account }) => ({
    token: token.token,
    account: `${account.type === 'instagram' ? 'Instagram' : 'Page'} ${account.username ?? account.name ?? ''} ${account.id}`,
  }));
  return { app: { id: app.id, name: app.name, secret: app.secret, token: app.app_token }, tokens };
}

function storeLine(db: string, world: WorldAtStart): string {
  const where =
    db === ':memory:' ? 'in memory' : isPostgresUrl(db) ? `PostgreSQL ${shownDatabase(db)}` : `SQLite ${db}`;
  const seed = world.seed === 'demo' ? 'the demo world' : world.seed === 'none' ? 'no seed' : world.seed;
  const what = {
    seeded: `seeded just now with ${seed}`,
    replaced: `replaced just now with ${seed} (--reset)`,
    kept: `the world it already held (from ${seed})`,
    empty: 'an empty world (seed it with POST /_parley/seed)',
  }[world.state];
  return `${where}: ${what}`;
}

/** Behind an admin token, others may read this output (a shared log): secrets show only their start. */
const shownSecret = (facts: BannerFacts, secret: string) =>
  facts.adminToken ? `${secret.slice(0, 6)}…` : secret;

export function banner(facts: BannerFacts): string {
  const rows: [string, string][] = [['Store', storeLine(facts.db, facts.world)]];
  if (facts.world.notApplied) {
    rows.push([
      '',
      `--seed ${facts.world.notApplied} was not applied: the database already holds a world (add --reset to replace it)`,
    ]);
  }
  if (facts.app) {
    rows.push([
      'App',
      `${facts.app.name}: id ${facts.app.id}, secret ${shownSecret(facts, facts.app.secret)}`,
    ]);
    rows.push(['App token', shownSecret(facts, facts.app.token)]);
  }
  facts.tokens.forEach(({ token, account }, i) =>
    rows.push([i === 0 ? 'Tokens' : '', `${shownSecret(facts, token)}  (${account})`]),
  );
  if (facts.webhooks) {
    const { url, objects, error } = facts.webhooks;
    rows.push([
      'Webhooks',
      error
        ? `${url} not subscribed: ${error}`
        : `${url} ← ${Object.entries(objects ?? {})
            .map(([object, fields]) => `${object} (${fields.join(', ')})`)
            .join('; ')}`,
    ]);
  }
  const first = facts.adminToken ? undefined : facts.tokens[0]?.token;
  if (first) rows.push(['Try', `curl "${facts.url}/v23.0/me/conversations?access_token=${first}"`]);
  rows.push([
    'Sandbox',
    `${facts.url}/_parley${facts.adminToken ? ' (Authorization: Bearer <admin token>)' : ''}`,
  ]);
  rows.push(['Docs', DOCS_URL]);
  const lines = rows.map(([label, text]) => `  ${label.padEnd(10)} ${text}`);
  return `Parley listening on ${facts.url} (v${facts.version})\n${lines.join('\n')}\n`;
}
