/**
 * Templates the Send API refuses, each with Meta's envelope (code, subcode, message naming the payload as Graph
 * does, `name_placeholder`), and nothing stored after any of them.
 */
import { expect, it } from 'vitest';
import { useBusinessWithPeople } from './support/conversation.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import {
  asTemplate,
  BUTTON,
  COUPON,
  CUSTOMER_FEEDBACK,
  GENERIC,
  IMAGE_GRID,
  MEDIA_BY_URL,
  OPT_IN,
  RECEIPT,
} from './support/templates.ts';

type Refusal = readonly [payload: unknown, message: string, subcode?: number];

const P = 'name_placeholder';
const required = (name: string) => `(#100) The parameter ${name} is required`;
const tooFew = (name: string) => `(#194) param ${name} has too few elements.`;
const tooMany = (name: string) => `(#194) param ${name} has too many elements.`;
const oneOf = (name: string, list: string, got: string) =>
  `(#100) Param ${name} must be one of {${list}} - got "${got}"`;
const MESSENGER_BUTTONS = 'WEB_URL, POSTBACK, PHONE_NUMBER, ACCOUNT_LINK, ACCOUNT_UNLINK, GAME_PLAY';
const UNSUPPORTED = '(#100) Unsupported template type provided. Please check API documentation for detail.';
const PAYMENT = `(#100) The amount you specified in payment summary is invalid. Please verify that it is a valid positive amount and is supported by its currency in terms of decimal places.`;

const withButtons = (buttons: unknown) => ({ ...BUTTON, buttons });
const withButton = (button: Record<string, unknown>) => withButtons([button]);
const genericOf = (element: Record<string, unknown>) => ({ template_type: 'generic', elements: [element] });
const mediaOf = (element: Record<string, unknown>) => ({ template_type: 'media', elements: [element] });
const gridOf = (element: Record<string, unknown>) => ({ template_type: 'image_grid', elements: [element] });
const [grid] = IMAGE_GRID.elements;
const question = CUSTOMER_FEEDBACK.feedback_screens[0]!.questions[0]!;
const withQuestions = (questions: unknown[]) => ({ ...CUSTOMER_FEEDBACK, feedback_screens: [{ questions }] });
const without = <T extends object>(value: T, key: keyof T) => ({ ...value, [key]: undefined });

const MESSENGER_REFUSALS: Refusal[] = [
  [{ elements: [] }, "(#100) Missing template_type for attachment's payload"],
  [{ template_type: 'receipt_v9' }, '(#100) Invalid template type'],
  [{ template_type: 'list', elements: [] }, UNSUPPORTED, 2018026],
  [{ template_type: 'airline_update', intro_message: 'Delayed' }, UNSUPPORTED, 2018026],
  // The button template.
  [without(BUTTON, 'text'), required(`${P}[text]`)],
  [
    { ...BUTTON, text: 'x'.repeat(641) },
    `(#100) Length of param ${P}[text] must be less than or equal to 640`,
  ],
  [without(BUTTON, 'buttons'), required(`${P}[buttons]`)],
  [withButtons([]), `(#100) param ${P}[buttons] must be non-empty.`],
  [withButtons(Array(4).fill(BUTTON.buttons[1])), tooMany(`${P}[buttons]`)],
  [withButton({ title: 'No type', payload: 'X' }), required(`${P}[buttons][0][type]`)],
  [
    withButton({ type: 'element_share', title: 'Share' }),
    oneOf(`${P}[buttons][0][type]`, MESSENGER_BUTTONS, 'element_share'),
  ],
  [withButton({ type: 'postback', payload: 'X' }), '(#100) Element button title cannot be empty.', 2018053],
  [
    withButton({ type: 'postback', title: '', payload: 'X' }),
    `(#100) Param ${P}[buttons][0][title] must be a non-empty UTF-8 encoded string`,
  ],
  [
    withButton({ type: 'postback', title: 'x'.repeat(21), payload: 'X' }),
    `(#100) Length of param ${P}[buttons][0][title] must be less than or equal to 20`,
  ],
  [
    withButton({ type: 'postback', title: 'T' }),
    '(#100) Payload cannot be empty for postback type button',
    2018040,
  ],
  [
    withButton({ type: 'web_url', title: 'T' }),
    '(#100) Web url cannot be empty for url type button',
    2018041,
  ],
  [
    withButton({ type: 'web_url', title: 'T', url: 'not a url' }),
    `(#100) ${P}[buttons][0][url] should represent a valid URL`,
  ],
  [withButton({ type: 'phone_number', title: 'Call' }), required(`${P}[buttons][0][payload]`)],
  [
    withButton({ type: 'account_link', url: 'http://example.com/login' }),
    `(#100) Param ${P}[buttons][0][url] must use HTTPS`,
  ],
  // The generic template.
  [{ template_type: 'generic', elements: [] }, tooFew(`${P}[elements]`)],
  [{ template_type: 'generic', elements: Array(11).fill(GENERIC.elements[0]) }, tooMany(`${P}[elements]`)],
  [
    genericOf({ title: 'Only a title' }),
    '(#100) Incomplete element data: title and at least one other field (image url, subtitle or buttons) is required with non-empty value',
    2018035,
  ],
  [
    genericOf({ title: '', subtitle: 'S' }),
    `(#100) Param ${P}[elements][0][title] must be a non-empty UTF-8 encoded string`,
  ],
  [genericOf({ title: 'T', buttons: [] }), tooFew(`${P}[elements][0][buttons]`)],
  [
    { ...GENERIC, image_aspect_ratio: 'wide' },
    oneOf(`${P}[image_aspect_ratio]`, 'HORIZONTAL, SQUARE', 'wide'),
  ],
  // The media template.
  [{ template_type: 'media' }, required(`${P}[elements]`)],
  [
    { ...MEDIA_BY_URL, elements: [MEDIA_BY_URL.elements[0], MEDIA_BY_URL.elements[0]] },
    tooMany(`${P}[elements]`),
  ],
  [
    mediaOf({ ...MEDIA_BY_URL.elements[0], media_type: 'audio' }),
    oneOf(`${P}[elements][0][media_type]`, 'IMAGE, VIDEO', 'audio'),
  ],
  [mediaOf({ media_type: 'image' }), required(`${P}[elements][0][attachment_id]`)],
  [mediaOf({ media_type: 'image', url: 'https://example.com/cat.png' }), UNSUPPORTED, 2018026],
  [
    mediaOf({ media_type: 'image', attachment_id: '999999' }),
    '(#100) Possible invalid ID or you do not own the attachment.',
    2018074,
  ],
  // The receipt template, in the order Graph checks it.
  [without(RECEIPT, 'recipient_name'), required(`${P}[recipient_name]`)],
  [without(RECEIPT, 'order_number'), required(`${P}[order_number]`)],
  [without(RECEIPT, 'currency'), required(`${P}[currency]`)],
  [{ ...RECEIPT, currency: 'usd' }, "(#100) The currency code 'usd' is not supported"],
  [without(RECEIPT, 'payment_method'), required(`${P}[payment_method]`)],
  [without(RECEIPT, 'summary'), required(`${P}[summary]`)],
  [{ ...RECEIPT, summary: { subtotal: 75 } }, required(`${P}[summary][total_cost]`)],
  [{ ...RECEIPT, summary: { total_cost: 56.145 } }, PAYMENT, 2018055],
  [{ ...RECEIPT, summary: { total_cost: -1 } }, PAYMENT, 2018055],
  [{ ...RECEIPT, currency: 'JPY', summary: { total_cost: 10.5 } }, PAYMENT, 2018055],
  [{ ...RECEIPT, address: { ...RECEIPT.address, city: undefined } }, required(`${P}[address][city]`)],
  [{ ...RECEIPT, elements: [{ title: 'No price' }] }, required(`${P}[elements][0][price]`)],
  [{ ...RECEIPT, elements: Array(101).fill(RECEIPT.elements[0]) }, tooMany(`${P}[elements]`)],
  // Coupons, customer feedback, image grids, opt-in requests.
  [without(COUPON, 'coupon_code'), required(`${P}[coupon_code]`)],
  [without(CUSTOMER_FEEDBACK, 'business_privacy'), required(`${P}[business_privacy]`)],
  [withQuestions([question, question]), tooMany(`${P}[feedback_screens][0][questions]`)],
  [
    withQuestions([{ ...question, type: 'ces' }]),
    oneOf(`${P}[feedback_screens][0][questions][0][score_option]`, 'ONE_TO_SEVEN', 'five_stars'),
  ],
  [
    { ...CUSTOMER_FEEDBACK, expires_in_days: 8 },
    `(#100) Param ${P}[expires_in_days] must be an integer between 1 and 7`,
  ],
  [gridOf({ ...grid, images: [grid!.images[0]] }), tooFew(`${P}[elements][0][images]`)],
  [gridOf({ ...grid, images: Array(7).fill(grid!.images[2]) }), tooMany(`${P}[elements][0][images]`)],
  [
    gridOf({ ...grid, images: [grid!.images[0], grid!.images[0]] }),
    `(#100) Only one image of ${P}[elements][0][images] can have is_hero_image set to true`,
  ],
  [
    gridOf({
      ...grid,
      images: [grid!.images[2], { url: 'https://example.com/x.png', action: { type: 'postback' } }],
    }),
    required(`${P}[elements][0][images][1][action][payload]`),
  ],
  [
    gridOf({ ...grid, buttons: [{ type: 'phone_number', title: 'Call', payload: '+15105551234' }] }),
    oneOf(`${P}[elements][0][buttons][0][type]`, 'WEB_URL, POSTBACK', 'phone_number'),
  ],
  [{ template_type: 'product', elements: [] }, tooFew(`${P}[elements]`)],
  [{ template_type: 'product', elements: Array(11).fill({ id: '1' }) }, tooMany(`${P}[elements]`)],
  [{ template_type: 'product', elements: [{ retailer_id: 'X' }] }, required(`${P}[elements][0][id]`)],
  [
    { template_type: 'product', elements: [{ id: '9999999999999999' }] },
    `(#100) Param ${P}[elements][0][id] must be a product of the Page's catalog`,
  ],
  [
    { ...OPT_IN, title: 'x'.repeat(66) },
    `(#100) Length of param ${P}[title] must be less than or equal to 65`,
  ],
  [
    { ...OPT_IN, notification_messages_cta_text: 'MAYBE' },
    oneOf(`${P}[notification_messages_cta_text]`, 'ALLOW, FREQUENCY, GET, OPT_IN, SIGN_UP', 'MAYBE'),
  ],
];

/** What Instagram does not take: Messenger's templates and buttons. */
const INSTAGRAM_REFUSALS: Refusal[] = [
  ...[RECEIPT, MEDIA_BY_URL, COUPON, CUSTOMER_FEEDBACK, IMAGE_GRID].map((payload): Refusal => [
    payload,
    UNSUPPORTED,
    2018026,
  ]),
  [
    withButton({ type: 'phone_number', title: 'Call', payload: '+15105551234' }),
    oneOf(`${P}[buttons][0][type]`, 'WEB_URL, POSTBACK', 'phone_number'),
  ],
];

describeEachStore('Send API template refusals', (kind) => {
  const server = useTestServer(kind);
  const world = useBusinessWithPeople(server);

  const messageCount = async (conversationId: string, token: string) =>
    (await server().graph.get(`/v23.0/${conversationId}/messages`, { limit: 100 }, { token })).body.data
      .length;

  it("refuses each malformed template with Meta's envelope, and stores nothing", async () => {
    const { biz, fb, ig } = world;
    const before = [
      await messageCount(fb.conversationId, biz.pageToken),
      await messageCount(ig.conversationId, biz.igToken),
    ];
    const runs = [
      { refusals: MESSENGER_REFUSALS, to: fb.scopedId, token: biz.pageToken, type: 'OAuthException' },
      { refusals: INSTAGRAM_REFUSALS, to: ig.scopedId, token: biz.igToken, type: 'IGApiException' },
    ];
    for (const { refusals, to, token, type } of runs) {
      for (const [payload, message, subcode] of refusals) {
        const res = await server().graph.post(
          '/v23.0/me/messages',
          { recipient: { id: to }, message: asTemplate(payload) },
          { token, bearer: true },
        );
        expect(res.status, message).toBe(400);
        expect(res.body, JSON.stringify(payload).slice(0, 200)).toEqual({
          error: {
            message,
            type,
            code: Number(/^\(#(\d+)\)/.exec(message)![1]),
            ...(subcode !== undefined && { error_subcode: subcode }),
            fbtrace_id: expect.any(String),
          },
        });
      }
    }
    const after = [
      await messageCount(fb.conversationId, biz.pageToken),
      await messageCount(ig.conversationId, biz.igToken),
    ];
    expect(after).toEqual(before);
  });
});
