/** `@parley/server/testing`: what a test of a bot needs besides Parley itself. */
export {
  createWebhookReceiver,
  DEMO_APP_SECRET,
  type ReceivedEvent,
  type ReceivedPost,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from './testing/webhook-receiver.ts';
