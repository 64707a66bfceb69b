/**
 * One `entry[].messaging[]` (or `standby[]`) item of a webhook, as a bot reads it. Which member is present says what happened
 * (`message`, `postback`, `reaction`, `read`, `referral`, `optin` …); the rest of Meta's fields pass through.
 */
export interface MessagingEvent {
  /** Absent only on a checkbox plugin's opt-in: the person has no scoped id for the Page yet. */
  readonly sender?: { readonly id: string };
  readonly recipient: { readonly id: string };
  readonly timestamp: number;
  readonly message?: {
    readonly mid: string;
    readonly text?: string;
    readonly is_echo?: boolean;
    readonly is_deleted?: boolean;
    readonly quick_reply?: { readonly payload: string };
    readonly reply_to?: {
      readonly mid?: string;
      readonly story?: { readonly id: string; readonly url: string };
    };
    readonly attachments?: readonly {
      readonly type: string;
      readonly payload: Readonly<Record<string, unknown>>;
    }[];
    readonly [field: string]: unknown;
  };
  readonly postback?: {
    readonly mid?: string;
    readonly title: string;
    readonly payload: string;
    /** A tap that starts a conversation from a link or an ad (Get Started, an ice breaker). */
    readonly referral?: Readonly<Record<string, unknown>>;
  };
  readonly reaction?: {
    readonly mid: string;
    readonly action: 'react' | 'unreact';
    readonly reaction?: string;
    readonly emoji?: string;
  };
  readonly read?: { readonly mid?: string; readonly watermark?: number };
  /** A plugin's opt-in (`ref`, the checkbox plugin's `user_ref`), or marketing messages' (`type: notification_messages`). */
  readonly optin?: {
    readonly type?: string;
    readonly ref?: string;
    readonly user_ref?: string;
    readonly payload?: string;
    readonly title?: string;
    readonly notification_messages_token?: string;
    readonly notification_messages_frequency?: 'DAILY' | 'WEEKLY' | 'MONTHLY';
    readonly notification_messages_timezone?: string;
    /** Epoch milliseconds. */
    readonly token_expiry_timestamp?: number;
    readonly user_token_status?: 'NOT_REFRESHED' | 'REFRESHED';
    /** Present when the person stopped or resumed the topic's messages. */
    readonly notification_messages_status?: 'STOP_NOTIFICATIONS' | 'RESUME_NOTIFICATIONS';
  };
  /** The handover protocol (`messaging_handovers`): control of the thread passed to another app. */
  readonly pass_thread_control?: {
    readonly previous_owner_app_id: string | null;
    readonly new_owner_app_id: string;
    readonly metadata?: string;
  };
  /** The primary receiver took control of the thread. */
  readonly take_thread_control?: {
    readonly previous_owner_app_id: string | null;
    readonly new_owner_app_id: string;
    readonly metadata?: string;
  };
  /** A secondary receiver asks the primary receiver for the thread. */
  readonly request_thread_control?: { readonly requested_owner_app_id: string; readonly metadata?: string };
  /** The app's roles on the account: `{"<app-id>": ["primary_receiver"]}`. */
  readonly app_roles?: Readonly<Record<string, readonly string[]>>;
  /** On the person's first answer to a message sent to their checkbox plugin opt-in: its `user_ref`. */
  readonly prior_message?: { readonly source: 'checkbox_plugin'; readonly identifier: string };
  readonly [field: string]: unknown;
}
