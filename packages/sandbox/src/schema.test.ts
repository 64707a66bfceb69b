/** The schema's checks, and the exact paths its errors name. */
import { describe, expect, it } from 'vitest';
import { ClockMove, LimitsChange } from './control-schema.ts';
import { PersonMessage } from './people-schema.ts';
import { SEED_LIMITS, SeedDocument } from './seed-schema.ts';
import { check, pathOf } from './validate.ts';
import { FaultsChange, DeliveriesQuery } from './webhook-schema.ts';
import { NewAccount, NewApp, NewToken } from './world-schema.ts';

const problem = (schema: Parameters<typeof check>[0], value: unknown) => {
  const result = check(schema, value);
  return result.ok ? undefined : result.problem;
};

describe('the sandbox schema', () => {
  it('names paths with dots and list indexes', () => {
    expect(pathOf(['conversations', 0, 'messages', 3, 'text'])).toBe('conversations[0].messages[3].text');
    expect(pathOf([])).toBe('');
  });

  it('answers each problem of a seed by its exact path', () => {
    const cases: [unknown, string][] = [
      [
        { users: [{ username: 'a' }, { username: 'b' }, { username: 'c', follow: [] }] },
        'users[2]: unknown key "follow"',
      ],
      [
        {
          conversations: [
            { account: 'a', user: 'u', messages: [{ from: 'user' }, {}, {}, { from: 'user', text: {} }] },
          ],
        },
        'conversations[0].messages[1].from: is required',
      ],
      [
        { conversations: [{ account: 'a', user: 'u', messages: [{ from: 'user', text: ['x'] }] }] },
        'conversations[0].messages[0].text: must be a string',
      ],
      [{ apps: [{ name: 'a', id: 'x1' }] }, 'apps[0].id: must be digits'],
      [{ apps: [{ name: 'a', id: '' }] }, 'apps[0].id: must be digits'],
      [{ apps: 5 }, 'apps: must be a list'],
      [{ accounts: [{ username: 'x' }] }, 'accounts[0].type: is required'],
      [{ accounts: [{ type: 'group', name: 'x' }] }, 'accounts[0].type: must be one of instagram, page'],
      [
        { accounts: [{ type: 'instagram', username: 'x', instagram_account: 'p' }] },
        'accounts[0]: unknown key "instagram_account"',
      ],
      [
        { users: [{ username: 'u', scoped_ids: { shop: 'a'.repeat(33) } }] },
        'users[0].scoped_ids.shop: must be at most 32 characters',
      ],
      [
        { tokens: [{ app: 'a', account: 'b', expires_in: -1 }] },
        'tokens[0].expires_in: must be a number between 0 and 315360000',
      ],
      [
        { conversations: [{ account: 'a', user: 'u', folder: 'archive' }] },
        'conversations[0].folder: must be one of primary, general, requests, inbox, other, page_done, spam',
      ],
      [
        { conversations: [{ account: 'a', user: 'u', messages: [{ from: 'user', count: 1.5 }] }] },
        'conversations[0].messages[0].count: must be a whole number',
      ],
      [{ nope: 1 }, 'unknown key "nope"'],
      [
        {
          webhooks: [
            { app: 'a', object: 'page', callback_url: 'ftp://x', verify_token: 't', fields: ['messages'] },
          ],
        },
        'webhooks[0].callback_url: must be an http or https URL',
      ],
      [
        { webhooks: [{ app: 'a', object: 'page', callback_url: 'http://x', verify_token: 't' }] },
        'webhooks[0].fields: is required',
      ],
    ];
    for (const [doc, expected] of cases)
      expect(problem(SeedDocument, doc), JSON.stringify(doc)).toBe(expected);
  });

  it('takes a seed with defaults filled in, ids as numbers, and null as absent', () => {
    const result = check(SeedDocument, {
      apps: [{ name: 'a', id: 918273645500001, secret: null }],
      users: [{ username: 'u', follows: null }],
      conversations: [{ account: 'a', user: 'u', messages: [{ from: 'user', text: 'hi' }] }],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        apps: [{ name: 'a', id: '918273645500001' }],
        accounts: [],
        users: [{ username: 'u', follows: [], roles: {}, scoped_ids: {} }],
        tokens: [],
        conversations: [{ account: 'a', user: 'u', messages: [{ from: 'user', text: 'hi', count: 1 }] }],
        posts: [],
        webhooks: [],
        conversation_routing: [],
      },
    });
  });

  it('refuses a seed of more messages than the limit, counting repeats', () => {
    const many = { from: 'user', count: SEED_LIMITS.count };
    const conversations = [{ account: 'a', user: 'u', messages: Array(11).fill(many) }];
    expect(problem(SeedDocument, { conversations })).toBe(
      'conversations: at most 100000 messages in one seed (this one has 110000)',
    );
  });

  it('keeps the limits, enums and NUL refusals of each route', () => {
    expect(problem(NewApp, {})).toBe('name: is required');
    expect(problem(NewApp, { name: 'x'.repeat(201) })).toBe('name: must be at most 200 characters');
    expect(problem(NewApp, { name: 'a\u0000b' })).toBe('name: must not contain NUL characters');
    expect(problem(NewApp, { name: 'a', features: ['x', 1] })).toBe(
      'features: must be a list of strings (item 1 is not)',
    );
    expect(problem(NewAccount, { type: 'page', name: 'P', followers_count: 3 })).toBe(
      'unknown key "followers_count"',
    );
    expect(problem(NewToken, { app_id: 1, account_id: 2, expires_in: 1e308 })).toMatch(
      /^expires_in: must be a number/,
    );
    expect(problem(PersonMessage, { to: '1', reply_to: { story: { id: '1' } } })).toBe(
      'reply_to.story.url: is required',
    );
    expect(problem(PersonMessage, { to: '1', attachments: [{ type: 'image', url: 'u', size: 1 }] })).toBe(
      'attachments[0]: unknown key "size"',
    );
    expect(problem(ClockMove, {})).toBe('give advance_seconds, set or freeze');
    expect(problem(ClockMove, { set: 'garbage' })).toBe('set: must be an ISO time or epoch milliseconds');
    expect(check(ClockMove, { set: '1970-01-01T00:00:01Z', advance_seconds: '5' })).toEqual({
      ok: true,
      value: { set: 1000, advance_seconds: 5 },
    });
    expect(problem(LimitsChange, { limits: { app: { limit: 0 } } })).toBe(
      'limits.app.limit: must be a number of at least 1',
    );
    expect(check(LimitsChange, { limits: { app: { limit: null } } })).toEqual({
      ok: true,
      value: { limits: { app: { limit: null } } },
    });
    expect(problem(DeliveriesQuery, { limit: '0' })).toBe('limit: must be a number between 1 and 500');
    expect(problem(DeliveriesQuery, { after: '3' })).toBe('unknown key "after"');
  });

  it('reads faults by their full or short names, leaving out the ones off', () => {
    expect(
      check(FaultsChange, { app_id: '1', drop: 20, delay_ms: 0, reorder: false, duplicate_percent: 5 }),
    ).toEqual({
      ok: true,
      value: { app_id: '1', object: undefined, faults: { drop_percent: 20, duplicate_percent: 5 } },
    });
    expect(problem(FaultsChange, { app_id: '1', delay: 30_001 })).toBe(
      'delay: must be a number between 0 and 30000',
    );
    expect(problem(FaultsChange, { app_id: '1', drop: '5' })).toBe('drop: must be a number from 0 to 100');
  });
});
