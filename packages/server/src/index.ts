export {
  createParley,
  type CreateParleyOptions,
  type Parley,
  type ParleyApp,
  type ParleyAccount,
  type ParleyPost,
} from './in-process/create-parley.ts';
export { DEFAULT_WEBHOOK_FIELDS, type BotSubscription } from './in-process/bot-subscription.ts';
export type {
  CameBy,
  MenuTapped,
  Person,
  PersonComment,
  SentMessage,
  Said,
  Tappable,
} from './in-process/people.ts';
export type { ChangeEvent, Delivery, WaitOptions } from './in-process/webhook-log.ts';
export type {
  InboxHandles,
  ParleyRouting,
  RoutingHandles,
  ParleyThreadControl,
} from './in-process/routing.ts';
export { createApp, type AppOptions } from './app.ts';
export { main, startServer, VERSION, type RunningServer } from './main.ts';
export { readStartOptions, UsageError, USAGE, type StartOptions } from './start-options.ts';
export { StartError } from './start-errors.ts';
export { openStore } from './store/open-store.ts';
export type { Store } from './store/store.ts';
export { ControllableClock, systemClock, type Clock } from './clock.ts';
export { DEFAULT_CONFIG, type ParleyConfig } from './config.ts';
export { SandboxClient, SandboxError, type SeedInput } from '@parley/sandbox';
