/**
 * Meta's message templates (`message.attachment.type: "template"`, spec §5.6), as data: which platform's Send
 * API takes each `template_type`, and those Meta retired. The Send API, the message's Graph rendering, the
 * console and docs/vocabulary.md all read this table; the payload types below are what a checked template
 * holds, as it is stored and echoed back in webhooks.
 */

export type TemplatePlatform = 'messenger' | 'instagram';

export interface MessageTemplateKind {
  readonly summary: string;
  /** The platforms whose Send API takes it; none for a template Meta retired. */
  readonly platforms: readonly TemplatePlatform[];
}

const BOTH = ['messenger', 'instagram'] as const;
const MESSENGER = ['messenger'] as const;
const RETIRED = [] as const;

export const MESSAGE_TEMPLATES = {
  generic: {
    summary: 'Cards with a title, subtitle, image and up to 3 buttons; up to 10 make a carousel',
    platforms: BOTH,
  },
  button: { summary: 'Text of up to 640 characters with 1 to 3 buttons', platforms: BOTH },
  media: {
    summary: 'An image or video (an attachment id or a Facebook URL) with up to 3 buttons',
    platforms: MESSENGER,
  },
  receipt: {
    summary: 'An order confirmation: items, payment summary, address and adjustments',
    platforms: MESSENGER,
  },
  coupon: {
    summary: 'A coupon code behind a "Reveal code" button, with an optional shop link',
    platforms: MESSENGER,
  },
  customer_feedback: {
    summary: 'A CSAT, NPS or CES survey with an optional free-form follow-up',
    platforms: MESSENGER,
  },
  image_grid: {
    summary: '2 to 6 images in a grid, each with an optional tap action, and up to 3 buttons',
    platforms: MESSENGER,
  },
  product: { summary: "Products from the Page's catalog, up to 10 in a carousel", platforms: BOTH },
  notification_messages: { summary: 'A request to opt in to marketing messages', platforms: BOTH },
  list: { summary: 'Retired with Graph API v4.0 (2019)', platforms: RETIRED },
  open_graph: { summary: 'Retired with Graph API v4.0 (2019)', platforms: RETIRED },
  airline_boardingpass: { summary: 'Retired airline template', platforms: RETIRED },
  airline_checkin: { summary: 'Retired airline template', platforms: RETIRED },
  airline_itinerary: { summary: 'Retired airline template', platforms: RETIRED },
  airline_update: { summary: 'Retired airline template', platforms: RETIRED },
  one_time_notif_req: {
    summary: 'Retired one-time notification request (replaced by marketing messages)',
    platforms: RETIRED,
  },
} as const satisfies Record<string, MessageTemplateKind>;

export type TemplateType = keyof typeof MESSAGE_TEMPLATES;

export function isTemplateType(value: string): value is TemplateType {
  return Object.hasOwn(MESSAGE_TEMPLATES, value);
}

/** The buttons templates carry (Meta's Buttons reference); Instagram takes `web_url` and `postback` only. */
export const BUTTON_TYPES = [
  'web_url',
  'postback',
  'phone_number',
  'account_link',
  'account_unlink',
  'game_play',
] as const;
export type ButtonType = (typeof BUTTON_TYPES)[number];

export interface UrlAction {
  readonly type: 'web_url';
  readonly url: string;
  readonly webview_height_ratio?: 'compact' | 'tall' | 'full';
  readonly messenger_extensions?: boolean;
  readonly fallback_url?: string;
  readonly webview_share_button?: 'hide' | 'show';
}

export type TemplateButton =
  | (UrlAction & { readonly title: string })
  | { readonly type: 'postback'; readonly title: string; readonly payload: string }
  | { readonly type: 'phone_number'; readonly title: string; readonly payload: string }
  | { readonly type: 'account_link'; readonly url: string }
  | { readonly type: 'account_unlink' }
  | {
      readonly type: 'game_play';
      readonly title: string;
      readonly payload?: string;
      readonly game_metadata?: { readonly player_id?: string; readonly context_id?: string };
    };

export interface GenericElement {
  readonly title: string;
  readonly subtitle?: string;
  readonly image_url?: string;
  readonly default_action?: UrlAction;
  readonly buttons?: readonly TemplateButton[];
}

export interface GenericTemplate {
  readonly template_type: 'generic';
  readonly elements: readonly GenericElement[];
  readonly image_aspect_ratio?: 'horizontal' | 'square';
  readonly sharable?: boolean;
}

export interface ButtonTemplate {
  readonly template_type: 'button';
  readonly text: string;
  readonly buttons: readonly TemplateButton[];
  readonly sharable?: boolean;
}

export interface MediaElement {
  readonly media_type: 'image' | 'video';
  readonly url?: string;
  readonly attachment_id?: string;
  readonly buttons?: readonly TemplateButton[];
}

export interface MediaTemplate {
  readonly template_type: 'media';
  readonly elements: readonly [MediaElement];
  readonly sharable?: boolean;
}

export interface ReceiptElement {
  readonly title: string;
  readonly subtitle?: string;
  readonly quantity?: number;
  readonly price: number;
  readonly currency?: string;
  readonly image_url?: string;
}

export interface ReceiptTemplate {
  readonly template_type: 'receipt';
  readonly recipient_name: string;
  readonly merchant_name?: string;
  readonly order_number: string;
  readonly currency: string;
  readonly payment_method: string;
  readonly order_url?: string;
  readonly timestamp?: string;
  readonly sharable?: boolean;
  readonly elements?: readonly ReceiptElement[];
  readonly address?: {
    readonly street_1: string;
    readonly street_2?: string;
    readonly city: string;
    readonly postal_code: string;
    readonly state: string;
    readonly country: string;
  };
  readonly summary: {
    readonly subtotal?: number;
    readonly shipping_cost?: number;
    readonly total_tax?: number;
    readonly total_cost: number;
  };
  readonly adjustments?: readonly { readonly name: string; readonly amount: number }[];
}

export interface CouponTemplate {
  readonly template_type: 'coupon';
  readonly title: string;
  readonly coupon_code: string;
  readonly subtitle?: string;
  readonly coupon_url?: string;
  readonly coupon_url_button_title?: string;
  readonly coupon_pre_message?: string;
  readonly image_url?: string;
  readonly payload?: string;
}

export const FEEDBACK_SCORES = {
  csat: ['one_to_five', 'five_stars', 'five_emojis'],
  nps: ['zero_to_ten'],
  ces: ['one_to_seven'],
} as const;
export type FeedbackType = keyof typeof FEEDBACK_SCORES;

export interface FeedbackQuestion {
  readonly id: string;
  readonly type: FeedbackType;
  readonly title?: string;
  readonly score_label?: 'neg_pos' | 'pos_neg';
  readonly score_option?: string;
  readonly follow_up?: { readonly type: 'free_form'; readonly placeholder?: string };
}

export interface CustomerFeedbackTemplate {
  readonly template_type: 'customer_feedback';
  readonly title: string;
  readonly subtitle: string;
  readonly button_title: string;
  readonly feedback_screens: readonly [{ readonly questions: readonly [FeedbackQuestion] }];
  readonly business_privacy: { readonly url: string };
  readonly expires_in_days?: number;
}

export type GridImageAction =
  | { readonly type: 'web_url'; readonly url: string }
  | { readonly type: 'postback'; readonly payload: string };

export interface ImageGridTemplate {
  readonly template_type: 'image_grid';
  readonly elements: readonly [
    {
      readonly images: readonly {
        readonly url: string;
        readonly is_hero_image?: boolean;
        readonly action?: GridImageAction;
      }[];
      readonly title?: string;
      readonly subtitle?: string;
      readonly buttons?: readonly TemplateButton[];
    },
  ];
}

/** A product as sent (its `id`), and as stored once read from the catalog. */
export interface ProductElement {
  readonly id: string;
  readonly retailer_id?: string;
  readonly name?: string;
  readonly price?: string;
  readonly image_url?: string;
}

export interface ProductTemplate {
  readonly template_type: 'product';
  readonly elements: readonly ProductElement[];
}

export const NOTIFICATION_CTA_TEXTS = ['ALLOW', 'FREQUENCY', 'GET', 'OPT_IN', 'SIGN_UP'] as const;

export interface NotificationMessagesTemplate {
  readonly template_type: 'notification_messages';
  /** What the person opts in to; Meta shows "Updates and promotions" when absent. */
  readonly title?: string;
  readonly image_url?: string;
  readonly payload?: string;
  readonly notification_messages_cta_text?: (typeof NOTIFICATION_CTA_TEXTS)[number];
  readonly notification_messages_timezone?: string;
  /** Deprecated by Meta in 2023; still taken, and ignored. */
  readonly notification_messages_frequency?: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  readonly notification_messages_reoptin?: 'ENABLED' | 'DISABLED';
}

export type MessageTemplate =
  | GenericTemplate
  | ButtonTemplate
  | MediaTemplate
  | ReceiptTemplate
  | CouponTemplate
  | CustomerFeedbackTemplate
  | ImageGridTemplate
  | ProductTemplate
  | NotificationMessagesTemplate;
