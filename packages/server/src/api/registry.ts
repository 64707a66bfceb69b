/**
 * Every Graph node type Parley serves, in one list, with the actions other features attach to their edges
 * (the Send API's `messages`, webhooks' `subscribed_apps`, the profile's `messenger_profile`): node types only
 * read, and know nothing of what acts on them. To add a node type, copy `nodes/app/` (the smallest): a
 * `node.ts` declaring its fields and a `load.ts` resolving an id for the calling token; then list it here.
 */
import { GraphError } from '@parley/protocol';
import { idKind, type IdKind } from '../graph/ids.ts';
import type { EdgeAction, NodeType } from '../graph/node-type.ts';
import { loadApp } from '../nodes/app/load.ts';
import { appNode } from '../nodes/app/node.ts';
import type { GraphContext } from '../core/context.ts';
import { loadConversation } from '../nodes/conversation/load.ts';
import { conversationNode } from '../nodes/conversation/node.ts';
import { loadIgUser } from '../nodes/ig-user/load.ts';
import { igUserNode, onInstagramLogin } from '../nodes/ig-user/node.ts';
import { loadIgComment } from '../nodes/ig-comment/load.ts';
import { igCommentNode } from '../nodes/ig-comment/node.ts';
import { loadIgMedia } from '../nodes/ig-media/load.ts';
import { igMediaNode } from '../nodes/ig-media/node.ts';
import { loadMessage } from '../nodes/message/load.ts';
import { messageNode } from '../nodes/message/node.ts';
import { loadPage } from '../nodes/page/load.ts';
import { onPageToken, pageNode } from '../nodes/page/node.ts';
import { loadPageComment } from '../nodes/page-comment/load.ts';
import { pageCommentNode } from '../nodes/page-comment/node.ts';
import { loadPagePost } from '../nodes/page-post/load.ts';
import { pagePostNode } from '../nodes/page-post/node.ts';
import { loadPersona } from '../nodes/persona/load.ts';
import { personaNode } from '../nodes/persona/node.ts';
import { loadScopedUser } from '../nodes/scoped-user/load.ts';
import { instagramProfileNode, messengerProfileNode } from '../nodes/scoped-user/node.ts';
import type { ScopedUserRecord } from '../nodes/scoped-user/record.ts';
import { commentAction, commentOnAction, mediaAction } from '../comments/instagram-actions.ts';
import { pageCommentAction, pageCommentOnAction } from '../comments/page-actions.ts';
import { personaAction, personasAction } from '../handover/personas.ts';
import {
  passThreadControlEdge,
  releaseThreadControlEdge,
  requestThreadControlEdge,
  secondaryReceiversEdge,
  takeThreadControlEdge,
  threadOwnerEdge,
} from '../handover/thread-control-actions.ts';
import { messengerProfileEdge } from '../profile/messenger-profile.ts';
import { welcomeMessageFlowsEdge } from '../profile/welcome-message-flows.ts';
import { uploadAttachment } from '../send/attachment-upload.ts';
import { sendMessage } from '../send/send-message.ts';
import { subscriptionsEdge } from '../webhooks/app-subscriptions.ts';
import { subscribedAppsEdge } from '../webhooks/subscribed-apps.ts';
import { accountsEdge } from '../nodes/user/accounts-edge.ts';
import { loadUser, userNode } from '../nodes/user/node.ts';
import { permissionsEdge } from '../nodes/user/permissions-edge.ts';

// The registry holds node types and actions of every record type: each is typed where it is declared.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyNode = NodeType<any, GraphContext>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAction = EdgeAction<any, GraphContext>;

interface NodeEntry<R> {
  /** The id shapes this node type can have. */
  readonly kinds: readonly IdKind[];
  /** The record for an id, if the token may see it; undefined answers 100/33. */
  load(id: string, ctx: GraphContext): Promise<R | undefined>;
  nodeFor(record: R): NodeType<R, GraphContext>;
  /** Whether it takes a POST or DELETE on itself (an action under the empty edge name in ACTIONS). */
  readonly actsOnItself?: boolean;
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
  entry({ kinds: ['numeric'], load: loadUser, nodeFor: () => userNode }),
  entry({ kinds: ['thread'], load: loadConversation, nodeFor: () => conversationNode }),
  entry({ kinds: ['message'], load: loadMessage, nodeFor: () => messageNode }),
  entry({ kinds: ['numeric'], load: loadIgMedia, nodeFor: () => igMediaNode, actsOnItself: true }),
  entry({ kinds: ['numeric'], load: loadIgComment, nodeFor: () => igCommentNode, actsOnItself: true }),
  entry({ kinds: ['compound'], load: loadPagePost, nodeFor: () => pagePostNode }),
  entry({ kinds: ['compound'], load: loadPageComment, nodeFor: () => pageCommentNode, actsOnItself: true }),
  entry({ kinds: ['numeric'], load: loadPersona, nodeFor: () => personaNode, actsOnItself: true }),
];

/** The id shapes a POST or DELETE on a node itself can name: any other answers "unsupported" unread. */
const SELF_ACTION_KINDS = new Set(NODE_TYPES.filter((e) => e.actsOnItself).flatMap((e) => e.kinds));

export function mayActOnItself(id: string): boolean {
  return SELF_ACTION_KINDS.has(idKind(id));
}

type Actions = Readonly<Record<string, AnyAction>>;

/**
 * What POST and DELETE (and GETs of edges that are not lists) do, by node type and edge; the empty edge
 * name is the node itself (`POST /{comment-id}?hide=true`, `DELETE /{comment-id}`).
 */
const ACTIONS = new Map<AnyNode, Actions>([
  [
    igUserNode,
    {
      messages: { post: sendMessage, available: onInstagramLogin },
      message_attachments: { post: uploadAttachment, available: onInstagramLogin },
      subscribed_apps: { ...subscribedAppsEdge, available: onInstagramLogin },
      messenger_profile: { ...messengerProfileEdge, available: onInstagramLogin },
      welcome_message_flows: { ...welcomeMessageFlowsEdge, available: onInstagramLogin },
    },
  ],
  [
    pageNode,
    {
      messages: { post: sendMessage, available: onPageToken },
      message_attachments: { post: uploadAttachment, available: onPageToken },
      subscribed_apps: { ...subscribedAppsEdge, available: onPageToken },
      messenger_profile: { ...messengerProfileEdge, available: onPageToken },
      welcome_message_flows: { ...welcomeMessageFlowsEdge, available: onPageToken },
      pass_thread_control: { ...passThreadControlEdge, available: onPageToken },
      take_thread_control: { ...takeThreadControlEdge, available: onPageToken },
      request_thread_control: { ...requestThreadControlEdge, available: onPageToken },
      release_thread_control: { ...releaseThreadControlEdge, available: onPageToken },
      thread_owner: { ...threadOwnerEdge, available: onPageToken },
      secondary_receivers: { ...secondaryReceiversEdge, available: onPageToken },
      personas: { ...personasAction, available: onPageToken },
    },
  ],
  [personaNode, { '': personaAction }],
  [igMediaNode, { '': mediaAction, comments: commentOnAction }],
  [igCommentNode, { '': commentAction, replies: commentOnAction }],
  [pagePostNode, { comments: { ...pageCommentOnAction, available: onPageToken } }],
  [
    pageCommentNode,
    {
      '': { ...pageCommentAction, available: onPageToken },
      comments: { ...pageCommentOnAction, available: onPageToken },
    },
  ],
  [appNode, { subscriptions: subscriptionsEdge }],
  [userNode, { accounts: accountsEdge, permissions: permissionsEdge }],
]);

/** The action on a node type's edge, if it has one this caller may use. */
export function actionOf(node: AnyNode, edge: string, ctx: GraphContext): AnyAction | undefined {
  const action = ACTIONS.get(node)?.[edge];
  return action && (!action.available || action.available(ctx)) ? action : undefined;
}

export interface ResolvedNode {
  readonly node: AnyNode;
  readonly record: unknown;
}

/** The node an id (or `me`) names for this token, or undefined when it does not exist for the caller. */
export async function resolveNode(id: string, ctx: GraphContext): Promise<ResolvedNode | undefined> {
  if (id === 'me') {
    if (ctx.auth.user) return { node: userNode, record: ctx.auth.user };
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
