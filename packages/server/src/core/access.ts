/** Who may see what: accounts a token reaches, and the messaging permission each platform needs. */
import { GraphError } from '@parley/protocol';
import type { AccountRow, Platform } from '../store/schema.ts';
import type { GraphContext } from './context.ts';

export function reachableAccount(ctx: GraphContext, accountId: string): AccountRow | undefined {
  return ctx.auth.accounts.find((account) => account.id === accountId);
}

/** The permission reading and sending messages needs, by token kind and platform. */
export function messagingPermission(ctx: GraphContext, platform: Platform): string {
  if (ctx.auth.kind === 'instagram') return 'instagram_business_manage_messages';
  return platform === 'instagram' ? 'instagram_manage_messages' : 'pages_messaging';
}

export function requirePermission(ctx: GraphContext, permission: string): void {
  if (ctx.auth.scopes.has(permission)) return;
  throw ctx.family === 'instagram'
    ? new GraphError('applicationLacksPermission')
    : new GraphError('missingPermission', { permission });
}

/**
 * What reading and managing Instagram media and comments needs, by token: `instagram_business_*` with
 * Instagram Login, `instagram_*` through a Page or a Facebook user token.
 */
export function requireInstagramPermission(ctx: GraphContext, what: 'basic' | 'manage_comments'): void {
  requirePermission(ctx, ctx.auth.kind === 'instagram' ? `instagram_business_${what}` : `instagram_${what}`);
}

export function requireMessagingPermission(ctx: GraphContext, platform: Platform): void {
  requirePermission(ctx, messagingPermission(ctx, platform));
}

export function unsupported(method: string, id: string): GraphError {
  return new GraphError('unsupportedRequest', { method, id });
}
