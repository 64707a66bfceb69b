/** Resolves an app for its own tokens. */
import type { AppRow } from '../../store/schema.ts';
import type { GraphContext } from '../../core/context.ts';

export async function loadApp(id: string, ctx: GraphContext): Promise<AppRow | undefined> {
  return ctx.auth.app.id === id ? ctx.auth.app : undefined;
}
