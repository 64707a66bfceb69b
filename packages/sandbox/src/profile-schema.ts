/**
 * An account's Messenger profile as people meet it: tapping the Get Started button, an ice breaker or a
 * persistent menu item, and what a person sees of it (the console's view).
 */
import { z } from 'zod';
import { object, optionalText, text } from './fields.ts';
import { SentMessage } from './people-schema.ts';

/** Where the person came from, when a link brought them (an m.me / ig.me link's `ref`): the postback's `referral`. */
const cameBy = { ref: optionalText(2083), source: optionalText(100), type: optionalText(100) };

/** `POST /users/{id}/get-started` */
export const GetStartedTap = object({ to: text(), ...cameBy });

/** `POST /users/{id}/ice-breakers`: one of the questions the person sees, by its text. */
export const IceBreakerTap = object({ to: text(), question: text(1000), ...cameBy });

/** `POST /users/{id}/menu`: a persistent menu item, by its title. */
export const MenuTap = object({ to: text(), title: text(1000) });

/** A postback item sends its postback (the answer of a message); a URL item opens its page. */
export const MenuTapped = z.union([
  SentMessage.extend({ type: z.literal('postback') }),
  z.object({ type: z.literal('web_url'), url: z.string() }),
]);

/** `GET /accounts/{id}/messenger-profile` */
export const ProfileViewQuery = object({ user_id: optionalText() });

const Question = z.object({ question: z.string(), payload: z.string() });

export const MenuItem = z.object({
  type: z.enum(['web_url', 'postback']),
  title: z.string(),
  url: z.string().optional(),
  payload: z.string().optional(),
  webview_height_ratio: z.string().optional(),
  messenger_extensions: z.boolean().optional(),
  fallback_url: z.string().optional(),
  webview_share_button: z.string().optional(),
});

/** What a person (or, without `user_id`, someone new) sees of an account's profile. */
export const ProfileView = z.object({
  /** The welcome screen, until the person's first message; null after, or with nothing to show. */
  welcome: z
    .object({
      greeting: z.string().optional(),
      get_started: z.object({ payload: z.string() }).optional(),
      ice_breakers: z.array(Question).optional(),
    })
    .nullable(),
  menu: z.object({ composer_input_disabled: z.boolean(), call_to_actions: z.array(MenuItem) }).nullable(),
});
