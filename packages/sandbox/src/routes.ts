/**
 * Every `/_parley` route as data: its method, its path (`{name}` for a path parameter), the schema of its body
 * or query, and the schema of its answer. The client is written from this table; the server reads bodies with
 * the same schemas.
 */
import type { z } from 'zod';
import * as consoleViews from './console-schema.ts';
import * as control from './control-schema.ts';
import * as login from './login-schema.ts';
import * as people from './people-schema.ts';
import * as posts from './posts-schema.ts';
import * as profile from './profile-schema.ts';
import * as routing from './routing-schema.ts';
import { SeedDocument, Seeded } from './seed-schema.ts';
import * as hooks from './webhook-schema.ts';
import * as world from './world-schema.ts';

export interface Route {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly response: z.ZodType;
}

const route = <const R extends Route>(r: R): R => r;

export const ROUTES = {
  health: route({ method: 'GET', path: '/health', response: control.Health }),

  createApp: route({ method: 'POST', path: '/apps', body: world.NewApp, response: world.App }),
  getApp: route({ method: 'GET', path: '/apps/{id}', response: world.App }),
  createAccount: route({
    method: 'POST',
    path: '/accounts',
    body: world.NewAccount,
    response: world.Account,
  }),
  getAccount: route({ method: 'GET', path: '/accounts/{id}', response: world.Account }),
  updateAccount: route({
    method: 'PATCH',
    path: '/accounts/{id}',
    body: world.AccountSettings,
    response: world.Account,
  }),
  createUser: route({ method: 'POST', path: '/users', body: world.NewPerson, response: world.Person }),
  getUser: route({ method: 'GET', path: '/users/{id}', response: world.Person }),
  follow: route({ method: 'POST', path: '/follows', body: world.Follow, response: world.Success }),
  unfollow: route({ method: 'DELETE', path: '/follows', body: world.Follow, response: world.Success }),
  createToken: route({ method: 'POST', path: '/tokens', body: world.NewToken, response: world.Token }),
  appTokens: route({ method: 'GET', path: '/apps/{id}/tokens', response: login.AppTokens }),
  roles: route({ method: 'GET', path: '/roles', query: login.RolesQuery, response: login.Roles }),
  setRole: route({ method: 'POST', path: '/roles', body: login.NewRole, response: login.Role }),
  removeRole: route({ method: 'DELETE', path: '/roles', body: login.RoleRemoval, response: world.Success }),
  approveLogin: route({
    method: 'POST',
    path: '/login/approvals',
    body: login.NewLoginApproval,
    response: login.LoginApprovalQueued,
  }),
  removeApp: route({
    method: 'POST',
    path: '/users/{id}/remove-app',
    body: login.RemoveApp,
    response: login.AppRemoved,
  }),

  sendMessage: route({
    method: 'POST',
    path: '/users/{id}/messages',
    body: people.PersonMessage,
    response: people.SentMessage,
  }),
  react: route({
    method: 'POST',
    path: '/users/{id}/reactions',
    body: people.Reaction,
    response: people.Reacted,
  }),
  markSeen: route({
    method: 'POST',
    path: '/users/{id}/seen',
    body: people.Seen,
    response: people.Watermark,
  }),
  postback: route({
    method: 'POST',
    path: '/users/{id}/postbacks',
    body: people.Postback,
    response: people.SentMessage,
  }),
  referral: route({
    method: 'POST',
    path: '/users/{id}/referrals',
    body: people.ReferralAct,
    response: people.Reached,
  }),
  optin: route({ method: 'POST', path: '/users/{id}/optins', body: people.Optin, response: people.OptedIn }),
  checkboxOptin: route({
    method: 'POST',
    path: '/users/{id}/checkbox-optins',
    body: people.CheckboxOptin,
    response: people.CheckboxOptedIn,
  }),
  optins: route({ method: 'GET', path: '/users/{id}/optins', response: people.PersonOptins }),
  stopNotifications: route({
    method: 'POST',
    path: '/users/{id}/optins/{token}/stop',
    response: people.MarketingOptin,
  }),
  resumeNotifications: route({
    method: 'POST',
    path: '/users/{id}/optins/{token}/resume',
    response: people.MarketingOptin,
  }),
  getStarted: route({
    method: 'POST',
    path: '/users/{id}/get-started',
    body: profile.GetStartedTap,
    response: people.SentMessage,
  }),
  tapIceBreaker: route({
    method: 'POST',
    path: '/users/{id}/ice-breakers',
    body: profile.IceBreakerTap,
    response: people.SentMessage,
  }),
  tapMenu: route({
    method: 'POST',
    path: '/users/{id}/menu',
    body: profile.MenuTap,
    response: profile.MenuTapped,
  }),
  block: route({ method: 'POST', path: '/users/{id}/blocks', body: people.Block, response: people.Blocked }),
  unblock: route({ method: 'DELETE', path: '/users/{id}/blocks/{account}', response: people.Blocked }),
  comment: route({
    method: 'POST',
    path: '/users/{id}/comments',
    body: people.NewComment,
    response: people.Comment,
  }),
  unsend: route({ method: 'DELETE', path: '/messages/{id}', response: world.Success }),
  editMessage: route({ method: 'PATCH', path: '/messages/{id}', body: people.Edit, response: people.Edited }),

  getConversation: route({ method: 'GET', path: '/conversations/{id}', response: control.Conversation }),
  moveConversation: route({
    method: 'PATCH',
    path: '/conversations/{id}',
    body: control.ConversationMove,
    response: control.Conversation,
  }),
  conversationRouting: route({
    method: 'GET',
    path: '/accounts/{id}/conversation-routing',
    response: routing.Routing,
  }),
  setConversationRouting: route({
    method: 'POST',
    path: '/accounts/{id}/conversation-routing',
    body: routing.RoutingChange,
    response: routing.Routing,
  }),
  threadControl: route({
    method: 'GET',
    path: '/conversations/{id}/thread-control',
    response: routing.ThreadControlView,
  }),
  inboxThreadControl: route({
    method: 'POST',
    path: '/conversations/{id}/thread-control',
    body: routing.InboxControl,
    response: routing.ThreadControlView,
  }),
  createPost: route({
    method: 'POST',
    path: '/accounts/{id}/media',
    body: posts.NewPost,
    response: posts.Post,
  }),
  accountPosts: route({
    method: 'GET',
    path: '/accounts/{id}/media',
    query: consoleViews.ListQuery,
    response: posts.Posts,
  }),
  getPost: route({ method: 'GET', path: '/media/{id}', response: posts.Post }),
  updatePost: route({ method: 'PATCH', path: '/media/{id}', body: posts.PostChange, response: posts.Post }),
  personPost: route({
    method: 'POST',
    path: '/users/{id}/media',
    body: posts.PersonPost,
    response: posts.Post,
  }),
  postComments: route({
    method: 'GET',
    path: '/media/{id}/comments',
    query: consoleViews.ListQuery,
    response: posts.PostComments,
  }),
  updateComment: route({
    method: 'PATCH',
    path: '/comments/{id}',
    body: posts.CommentChange,
    response: posts.PostComment,
  }),
  deleteComment: route({ method: 'DELETE', path: '/comments/{id}', response: world.Success }),
  businessComment: route({
    method: 'POST',
    path: '/accounts/{id}/comments',
    body: people.NewComment,
    response: posts.PostComment,
  }),
  createProduct: route({
    method: 'POST',
    path: '/accounts/{id}/products',
    body: control.NewProduct,
    response: control.Product,
  }),

  limits: route({ method: 'GET', path: '/limits', response: control.Limits }),
  setLimits: route({ method: 'POST', path: '/limits', body: control.LimitsChange, response: control.Limits }),
  clock: route({ method: 'GET', path: '/clock', response: control.Clock }),
  moveClock: route({ method: 'POST', path: '/clock', body: control.ClockMove, response: control.Clock }),
  reset: route({ method: 'POST', path: '/reset', body: control.Reset, response: control.ResetDone }),
  seed: route({ method: 'POST', path: '/seed', body: SeedDocument, response: Seeded }),

  subscriptions: route({
    method: 'GET',
    path: '/webhooks/subscriptions',
    query: hooks.AppQuery,
    response: hooks.Subscriptions,
  }),
  deliveries: route({
    method: 'GET',
    path: '/webhooks/deliveries',
    query: hooks.DeliveriesQuery,
    response: hooks.Deliveries,
  }),
  delivery: route({ method: 'GET', path: '/webhooks/deliveries/{id}', response: hooks.Delivery }),
  sentRequest: route({
    method: 'GET',
    path: '/webhooks/attempts/{id}/request',
    response: hooks.SentRequest,
  }),
  replay: route({ method: 'POST', path: '/webhooks/deliveries/{id}/replay', response: hooks.Delivery }),
  faults: route({ method: 'GET', path: '/faults', query: hooks.AppQuery, response: hooks.FaultsList }),
  setFaults: route({
    method: 'POST',
    path: '/faults',
    body: hooks.FaultsChange,
    response: hooks.SubscriptionFaults.or(hooks.FaultsList),
  }),
  clearFaults: route({
    method: 'DELETE',
    path: '/faults',
    query: hooks.FaultsQuery,
    response: world.Success,
  }),

  world: route({ method: 'GET', path: '/world', response: consoleViews.WorldView }),
  inbox: route({
    method: 'GET',
    path: '/accounts/{id}/conversations',
    query: consoleViews.InboxQuery,
    response: consoleViews.Inbox,
  }),
  apiLog: route({
    method: 'GET',
    path: '/api-log',
    query: consoleViews.ApiLogQuery,
    response: consoleViews.ApiCalls,
  }),
  profileView: route({
    method: 'GET',
    path: '/accounts/{id}/messenger-profile',
    query: profile.ProfileViewQuery,
    response: profile.ProfileView,
  }),
  thread: route({
    method: 'GET',
    path: '/conversations/{id}/messages',
    query: consoleViews.ListQuery,
    response: consoleViews.Thread,
  }),
} as const;

export type RouteName = keyof typeof ROUTES;
/** What a route's body takes, as a caller writes it. */
export type BodyOf<N extends RouteName> = (typeof ROUTES)[N] extends { body: infer S extends z.ZodType }
  ? z.input<S>
  : never;
export type QueryOf<N extends RouteName> = (typeof ROUTES)[N] extends { query: infer S extends z.ZodType }
  ? z.input<S>
  : never;
/** What a route answers. */
export type ResultOf<N extends RouteName> = z.output<(typeof ROUTES)[N]['response']>;
