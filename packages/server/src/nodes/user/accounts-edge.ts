/**
 * `GET /me/accounts`: the Pages the person granted the app (with `pages_show_list`), each with a Page token
 * that lasts as long as the user token, and forever when that one is long-lived.
 */
import type { EdgeAction } from '../../graph/node-type.ts';
import type { GraphContext, LoginUser } from '../../core/context.ts';
import { pageTokensFor } from '../../login/page-tokens.ts';
import type { AccountRow } from '../../store/schema.ts';
import { listAnswer, requestedFields } from './list-answer.ts';

const DEFAULT_FIELDS = ['access_token', 'category', 'category_list', 'name', 'id', 'tasks'];
/** What a Page manager's role lets them do, as Meta lists it. */
const TASKS = ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'];

function pageFields(page: AccountRow, token: string): Record<string, unknown> {
  return {
    access_token: token,
    category: page.category ?? 'Business',
    category_list: [{ id: '2200', name: page.category ?? 'Business' }],
    name: page.name,
    id: page.id,
    tasks: TASKS,
    username: page.username ?? undefined,
    instagram_business_account: page.instagram_account_id ? { id: page.instagram_account_id } : undefined,
  };
}

export const accountsEdge: EdgeAction<LoginUser, GraphContext> = {
  async get(user, ctx, params) {
    const pages = ctx.auth.scopes.has('pages_show_list')
      ? ctx.auth.accounts.filter((a) => a.type === 'page')
      : [];
    const tokens = await pageTokensFor(ctx.store, user, pages, ctx.now);
    const fields = requestedFields(params.fields, DEFAULT_FIELDS);
    return listAnswer(
      pages.map((p) => pageFields(p, tokens.get(p.id)!)),
      fields,
    );
  },
};
