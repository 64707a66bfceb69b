/**
 * What people opt in to, played by the sandbox: a business's marketing messages (a token per topic, which the
 * person can stop and resume), and a Page's checkbox plugin on a website (a user_ref). Each act is one
 * transaction, with its `messaging_optins` webhook.
 */
import { randomUUID } from 'node:crypto';
import { GraphError } from '@parley/protocol';
import type { Clock } from '../clock.ts';
import { newId } from '../graph/ids.ts';
import { ensureConversation } from '../messaging/record-message.ts';
import { NOTIFICATION_FREQUENCIES } from '../send/limits.ts';
import type { MarketingOptinRow, NotificationFrequency, CheckboxOptinRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import * as events from '../webhooks/messaging-events.ts';
import type { Webhooks } from '../webhooks/webhooks.ts';
import { isUniqueViolation, notFound, type World } from './world.ts';

export interface MarketingOptinInput {
  readonly to: string;
  /** The opt-in request's title: its topic. */
  readonly title?: string;
  readonly payload?: string;
  readonly frequency?: NotificationFrequency;
  /** The person's time zone, an IANA name. */
  readonly timezone?: string;
}

export interface CheckboxOptinInput {
  readonly to: string;
  readonly user_ref?: string;
  readonly ref?: string;
}

function addMonths(at: number, months: number): number {
  const date = new Date(at);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

/** The `optin` of a marketing messages webhook, as Meta's `messaging_optins` reference lists it. */
function marketingDetails(row: MarketingOptinRow, status?: 'STOP_NOTIFICATIONS' | 'RESUME_NOTIFICATIONS') {
  return {
    type: 'notification_messages',
    ...(row.payload !== null && { payload: row.payload }),
    notification_messages_token: row.token,
    notification_messages_frequency: row.frequency,
    notification_messages_timezone: row.timezone,
    token_expiry_timestamp: row.expires_at,
    user_token_status: row.refreshed_at === null ? 'NOT_REFRESHED' : 'REFRESHED',
    ...(status && { notification_messages_status: status }),
    ...(row.title !== '' && { title: row.title }),
  };
}

/** A marketing opt-in as the sandbox shows it. */
function marketingView(row: MarketingOptinRow, now: number) {
  return {
    notification_messages_token: row.token,
    account_id: row.account_id,
    title: row.title,
    payload: row.payload,
    frequency: row.frequency,
    timezone: row.timezone,
    opted_in_at: row.created_at,
    token_expiry_timestamp: row.expires_at,
    user_token_status: row.refreshed_at === null ? ('NOT_REFRESHED' as const) : ('REFRESHED' as const),
    status:
      row.expires_at <= now
        ? ('expired' as const)
        : row.stopped_at !== null
          ? ('stopped' as const)
          : ('active' as const),
    last_sent_at: row.last_sent_at,
  };
}

function checkboxView(row: CheckboxOptinRow) {
  return {
    user_ref: row.user_ref,
    account_id: row.account_id,
    ref: row.ref,
    opted_in_at: row.created_at,
    message_id: row.message_id,
    answered_at: row.replied_at,
  };
}

export class Optins {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly world: World,
    private readonly webhooks: Webhooks,
  ) {}

  /**
   * Opting in to a topic of the business's marketing messages (tapping the opt-in request). Opting in again
   * to the same topic refreshes its token (`user_token_status: REFRESHED`) and resumes it if stopped.
   * Unlike a plugin opt-in, it does not open the messaging window.
   */
  async notificationMessages(personId: string, input: MarketingOptinInput) {
    await this.world.requirePerson(personId);
    const account = await this.world.requireAccount(input.to);
    return this.store.transaction(async (tx) => {
      const at = this.clock.now();
      const conversation = await ensureConversation(tx, account, personId, at);
      const title = input.title ?? '';
      const known = await tx.optins.marketingTopic(account.id, personId, title);
      const frequency = input.frequency ?? known?.frequency ?? 'DAILY';
      const chosen = {
        payload: input.payload ?? known?.payload ?? null,
        frequency,
        timezone: input.timezone ?? known?.timezone ?? 'UTC',
        expires_at: addMonths(at, NOTIFICATION_FREQUENCIES[frequency].lifetimeMonths),
      };
      let row: MarketingOptinRow;
      if (known) {
        row = { ...known, ...chosen, refreshed_at: at, stopped_at: null };
        await tx.optins.updateMarketing(known.token, row);
      } else {
        row = {
          token: newId.notificationToken(),
          account_id: account.id,
          person_id: personId,
          title,
          ...chosen,
          created_at: at,
          refreshed_at: null,
          stopped_at: null,
          last_sent_at: null,
        };
        await tx.optins.insertMarketing(row);
      }
      const thread = events.threadOf(account, conversation);
      await this.webhooks.emit(tx, [events.optin(thread, marketingDetails(row), at)]);
      return {
        conversation_id: conversation.id,
        sender_id: conversation.scoped_id,
        recipient_id: account.id,
        timestamp: at,
        notification_messages_token: row.token,
        token_expiry_timestamp: row.expires_at,
      };
    });
  }

  /** The person taps "Stop these messages" (or resumes them): the business hears it, and sends answer 1893015. */
  async setNotifications(personId: string, token: string, stopped: boolean) {
    await this.world.requirePerson(personId);
    const optin = await this.store.optins.getMarketing(token);
    if (!optin || optin.person_id !== personId) throw notFound('notification messages token', token);
    const account = await this.world.requireAccount(optin.account_id);
    return this.store.transaction(async (tx) => {
      const at = this.clock.now();
      // Only a change is heard of.
      if ((optin.stopped_at !== null) === stopped) return marketingView(optin, at);
      const row = { ...optin, stopped_at: stopped ? at : null };
      await tx.optins.updateMarketing(token, { stopped_at: row.stopped_at });
      const conversation = await ensureConversation(tx, account, personId, at);
      const status = stopped ? 'STOP_NOTIFICATIONS' : 'RESUME_NOTIFICATIONS';
      const thread = events.threadOf(account, conversation);
      await this.webhooks.emit(tx, [events.optin(thread, marketingDetails(row, status), at)]);
      return marketingView(row, at);
    });
  }

  /**
   * Ticking a Page's checkbox plugin on a website and submitting the form: the Page hears the `user_ref` the
   * plugin was rendered with, and may send it one message.
   */
  async checkbox(personId: string, input: CheckboxOptinInput) {
    await this.world.requirePerson(personId);
    const account = await this.world.requireAccount(input.to);
    if (account.type !== 'page') {
      throw new GraphError('sandboxInvalidRequest', {
        detail: 'The checkbox plugin belongs to Messenger: `to` must be a Page',
      });
    }
    const userRef = input.user_ref ?? randomUUID();
    return this.store.transaction(async (tx) => {
      const at = this.clock.now();
      const row = {
        account_id: account.id,
        user_ref: userRef,
        person_id: personId,
        ref: input.ref ?? null,
        created_at: at,
        message_id: null,
        replied_at: null,
      };
      try {
        await tx.optins.insertCheckbox(row);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new GraphError('sandboxConflict', {
          detail: `The user_ref ${userRef} was already used with Page ${account.id}`,
        });
      }
      const details = { ...(input.ref !== undefined && { ref: input.ref }), user_ref: userRef };
      await this.webhooks.emit(tx, [events.checkboxOptin(account, details, at)]);
      return { user_ref: userRef, recipient_id: account.id, timestamp: at };
    });
  }

  /** What a person opted in to, oldest first. */
  async ofPerson(personId: string) {
    await this.world.requirePerson(personId);
    const now = this.clock.now();
    const [marketing, checkbox] = await Promise.all([
      this.store.optins.marketingOfPerson(personId),
      this.store.optins.checkboxOfPerson(personId),
    ]);
    return {
      notification_messages: marketing.map((row) => marketingView(row, now)),
      user_refs: checkbox.map(checkboxView),
    };
  }
}
