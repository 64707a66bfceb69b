/**
 * Conversation routing (Meta's handover protocol): the roles an app has on a Page or an Instagram account, and
 * Meta's own inbox apps, which hold a thread as any app does (`target_app_id` of a pass to a human).
 */

/** The Page Inbox (Meta Business Suite), as Messenger's `pass_thread_control` names it. */
export const PAGE_INBOX_APP_ID = '263902037430900';
/** The Instagram Inbox, as Instagram's `pass_thread_control` names it. */
export const INSTAGRAM_INBOX_APP_ID = '1217981644879628';

/** An app's role on an account, as `messaging_handovers`' `app_roles` spells it. */
export const APP_ROLES = ['primary_receiver', 'secondary_receiver'] as const;
export type AppRole = (typeof APP_ROLES)[number];
