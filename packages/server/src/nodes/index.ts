/**
 * Every Graph node type Parley serves, in one list. To add one, copy the `app/` folder (the smallest):
 * a `node.ts` declaring its fields and a `load.ts` resolving an id for the calling token.
 */
import { GraphError } from '@parley/protocol';
import { idKind, type IdKind } from '../graph/ids.ts';
import type { NodeType } from '../graph/node-type.ts';
import { loadApp } from './app/load.ts';
import { appNode } from './app/node.ts';
import type { GraphContext } from './context.ts';
import { loadConversation } from './conversation/load.ts';
import { conversationNode } from './conversation/node.ts';
import { loadIgUser } from './ig-user/load.ts';
import { igUserNode } from './ig-user/node.ts';
import { loadMessage } from './message/load.ts';
import { messageNode } from './message/node.ts';
import { loadPage } from './page/load.ts';
import { pageNode } from './page/node.ts';
import { loadScopedUser } from './scoped-user/load.ts';
import { instagramProfileNode, messengerProfileNode } from './scoped-user/node.ts';
import type { ScopedUserRecord } from './scoped-user/record.ts';

type AnyNode = NodeType<any, GraphContext>;

interface NodeEntry<R> {
  /** The id shapes this node type can have. */
  readonly kinds: readonly IdKind[];
  /** The record for an id, if the token may see it; undefined answers 100/33. */
  load(id: string, ctx: GraphContext): Promise<R | undefined>;
  nodeFor(record: R): NodeType<R, GraphContext>;
}

const entry = <R>(e: NodeEntry<R>): NodeEntry<unknown> => e as NodeEntry<unknown>;

export const NODE_TYPES: readonly NodeEntry<unknown>[] = [
  entry({ kinds: ['numeric'], load: loadIgUser, nodeFor: () => igUserNode }),
  entry({ kinds: ['numeric'], load: loadPage, nodeFor: () => pageNode }),
  entry<ScopedUserRecord>({
    kinds: ['numeric'],
    load: loadScopedUser,
    nodeFor: (u) => (u.platform === 'instagram' ? instagramProfileNode : messengerProfileNode),
  }),
  entry({ kinds: ['numeric'], load: loadApp, nodeFor: () => appNode }),
  entry({ kinds: ['thread'], load: loadConversation, nodeFor: () => conversationNode }),
  entry({ kinds: ['message'], load: loadMessage, nodeFor: () => messageNode }),
];

export interface ResolvedNode {
  readonly node: AnyNode;
  readonly record: unknown;
}

/** The node an id (or `me`) names for this token, or undefined when it does not exist for the caller. */
export async function resolveNode(id: string, ctx: GraphContext): Promise<ResolvedNode | undefined> {
  if (id === 'me') {
    const account = ctx.auth.account;
    if (!account) throw new GraphError('activeTokenRequiredForMe');
    return { node: account.type === 'instagram' ? igUserNode : pageNode, record: account };
  }
  const kind = idKind(id);
  for (const candidate of NODE_TYPES) {
    if (!candidate.kinds.includes(kind)) continue;
    const record = await candidate.load(id, ctx);
    if (record !== undefined) return { node: candidate.nodeFor(record) as AnyNode, record };
  }
  return undefined;
}
