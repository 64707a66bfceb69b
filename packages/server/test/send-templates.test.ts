/**
 * Message templates through the Send API, as a bot sends them: the answer, the message as Graph shows it, and
 * the echo webhook byte for byte, on Messenger and Instagram; and the real `messaging-api-messenger` client.
 */
import { MessengerClient } from 'messaging-api-messenger';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Business, type Person, personWritingTo } from './support/conversation.ts';
import { createBusiness } from './support/clients.ts';
import { startMediaServer, type MediaServer } from './support/media-server.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import {
  asTemplate,
  BUTTON,
  COUPON,
  CUSTOMER_FEEDBACK,
  FACEBOOK_PHOTO,
  GENERIC,
  IMAGE_GRID,
  MEDIA_BY_URL,
  OPT_IN,
  RECEIPT,
  RECEIPT_STORED,
} from './support/templates.ts';
import { installApp, startReceiver, subscribeApp, type Receiver } from './support/webhook-receiver.ts';

describeEachStore('Send API templates', (kind) => {
  const server = useTestServer(kind);
  let receiver: Receiver;
  let media: MediaServer;
  let biz: Business;
  let fb: Person;
  let ig: Person;

  beforeAll(async () => {
    const { graph, sandbox } = server();
    receiver = await startReceiver();
    media = await startMediaServer();
    biz = await createBusiness(sandbox);
    await subscribeApp(graph, biz.app, receiver, 'page', ['messages', 'message_echoes']);
    await subscribeApp(graph, biz.app, receiver, 'instagram', ['messages']);
    await installApp(graph, biz.pageToken, ['messages', 'message_echoes']);
    await installApp(graph, biz.igToken, ['messages']);
    fb = await personWritingTo(sandbox, biz.page.id);
    ig = await personWritingTo(sandbox, biz.ig.id);
  });
  afterAll(async () => {
    await receiver.close();
    await media.close();
  });

  const send = (payload: unknown, to = fb, token = biz.pageToken) =>
    server().graph.post(
      '/v23.0/me/messages',
      { recipient: { id: to.scopedId }, message: asTemplate(payload) },
      { token, bearer: true },
    );

  const read = async (mid: string, token = biz.pageToken) =>
    (await server().graph.get(`/v23.0/${mid}`, { fields: 'message,attachments' }, { token })).body;

  /** The echo of a message, as the bot received it: the item and the raw POST it came in. */
  const echoOf = (mid: string) =>
    receiver.until(() => {
      for (const post of receiver.posts) {
        const item = post.body.entry.flatMap((e) => e.messaging).find((m) => m.message?.mid === mid);
        if (item) return { raw: post.raw.toString(), item };
      }
      return undefined;
    });

  it('sends a receipt: answered, shown without attachments, echoed as sent, empty fields left out', async () => {
    const sent = await send(RECEIPT);
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body).toEqual({ recipient_id: fb.scopedId, message_id: expect.stringMatching(/^m_/) });
    expect(await read(sent.body.message_id)).toEqual({ id: sent.body.message_id, message: '' });
    const { raw, item } = await echoOf(sent.body.message_id);
    expect(item).toEqual({
      sender: { id: biz.page.id },
      recipient: { id: fb.scopedId },
      timestamp: expect.any(Number),
      message: {
        mid: sent.body.message_id,
        is_echo: true,
        app_id: Number(biz.app.id),
        attachments: [{ type: 'template', payload: RECEIPT_STORED }],
      },
    });
    // Meta's bytes: slashes escaped, amounts as sent.
    expect(raw).toContain(
      '"attachments":[{"type":"template","payload":{"template_type":"receipt","recipient_name":"Stephane Crozatier"',
    );
    expect(raw).toContain('"order_url":"http:\\/\\/originalcoastclothing.com\\/order?order_id=123456"');
    expect(raw).toContain(
      '"summary":{"subtotal":75,"shipping_cost":4.95,"total_tax":6.19,"total_cost":56.14}',
    );
    expect(raw).not.toContain('street_2');
  });

  it('sends a media template by attachment id and by Facebook URL, shown as the photo it carries', async () => {
    const { graph } = server();
    const upload = await graph.post(
      '/v23.0/me/message_attachments',
      {
        message: {
          attachment: { type: 'image', payload: { url: `${media.url}/heart.png`, is_reusable: true } },
        },
      },
      { token: biz.pageToken, bearer: true },
    );
    const attachmentId = upload.body.attachment_id as string;
    const byId = {
      template_type: 'media',
      elements: [{ media_type: 'image', attachment_id: attachmentId, buttons: BUTTON.buttons }],
    };
    const sent = await send(byId);
    expect(sent.status, sent.text).toBe(200);
    const [photo] = (await read(sent.body.message_id)).attachments.data;
    expect(photo).toMatchObject({
      id: attachmentId,
      mime_type: 'image/png',
      image_data: { url: expect.stringContaining(`/cdn/${attachmentId}?`) },
    });
    expect((await echoOf(sent.body.message_id)).item.message.attachments).toEqual([
      { type: 'template', payload: byId },
    ]);

    const byUrl = await send(MEDIA_BY_URL);
    expect(byUrl.status, byUrl.text).toBe(200);
    const shown = await read(byUrl.body.message_id);
    expect(shown.attachments.data).toEqual([
      {
        id: expect.any(String),
        mime_type: 'application/octet-stream',
        name: 'photo.php',
        size: null,
        image_data: expect.objectContaining({ url: FACEBOOK_PHOTO, preview_url: FACEBOOK_PHOTO }),
      },
    ]);
  });

  it('shows generic, button, image grid and coupon templates as generic_template cards', async () => {
    const cases: [unknown, unknown[]][] = [
      [
        GENERIC,
        [
          {
            title: 'Welcome!',
            subtitle: 'We have the right hat for everyone.',
            media_url: 'https://example.com/welcome.png',
            cta: { title: 'View Website', type: 'web_url', url: 'https://example.com' },
          },
        ],
      ],
      [
        BUTTON,
        [
          {
            title: BUTTON.text,
            cta: { title: 'Visit Messenger', type: 'web_url', url: 'https://www.messenger.com' },
          },
        ],
      ],
      [
        IMAGE_GRID,
        [
          {
            title: 'Summer colours',
            subtitle: 'Pick yours',
            media_url: 'https://example.com/red.png',
            cta: { title: 'See all', type: 'postback' },
          },
        ],
      ],
      [
        COUPON,
        [
          {
            title: COUPON.title,
            subtitle: COUPON.subtitle,
            media_url: COUPON.image_url,
            cta: { title: 'Shop now', type: 'web_url', url: COUPON.coupon_url },
          },
        ],
      ],
    ];
    for (const [payload, cards] of cases) {
      const sent = await send(payload);
      expect(sent.status, sent.text).toBe(200);
      const shown = await read(sent.body.message_id);
      expect(shown.attachments.data.map((a: { generic_template: unknown }) => a.generic_template)).toEqual(
        cards,
      );
      expect((await echoOf(sent.body.message_id)).item.message.attachments).toEqual([
        { type: 'template', payload },
      ]);
    }
  });

  it('sends customer feedback and the marketing messages opt-in request, echoed as sent', async () => {
    for (const payload of [CUSTOMER_FEEDBACK, OPT_IN]) {
      const sent = await send(payload);
      expect(sent.status, sent.text).toBe(200);
      expect(await read(sent.body.message_id)).toEqual({ id: sent.body.message_id, message: '' });
      expect((await echoOf(sent.body.message_id)).item.message.attachments).toEqual([
        { type: 'template', payload },
      ]);
    }
  });

  it('takes every button Messenger documents on a generic template', async () => {
    const buttons = [
      { type: 'phone_number', title: 'Call us', payload: '+15105551234' },
      { type: 'account_link', url: 'https://example.com/login' },
      { type: 'game_play', title: 'Play', payload: 'LEVEL_1', game_metadata: { player_id: 'p1' } },
    ];
    const generic = { template_type: 'generic', elements: [{ title: 'Everything', buttons }] };
    const sent = await send(generic);
    expect(sent.status, sent.text).toBe(200);
    const unlink = await send({
      ...generic,
      elements: [{ title: 'Bye', buttons: [{ type: 'account_unlink' }] }],
    });
    expect(unlink.status, unlink.text).toBe(200);
    expect((await echoOf(sent.body.message_id)).item.message.attachments[0].payload).toEqual(generic);
  });

  it("sends products from the Page's catalog, shown among the message's shares", async () => {
    const { sandbox } = server();
    const product = await sandbox.do('POST', `/accounts/${biz.page.id}/products`, {
      name: 'Ethiopia Guji, 250 g',
      price: 14.5,
      currency: 'EUR',
      image_url: 'https://example.com/guji.png',
      retailer_id: 'GUJI-250',
    });
    expect(product).toEqual({
      id: expect.stringMatching(/^\d{16}$/),
      account_id: biz.page.id,
      retailer_id: 'GUJI-250',
      name: 'Ethiopia Guji, 250 g',
      price: '€14.50',
      image_url: 'https://example.com/guji.png',
    });
    // Catalogs belong to Pages, and prices have an ISO 4217 currency.
    const refused = (accountId: string, body: object) =>
      sandbox.raw('POST', `/accounts/${accountId}/products`, body).then((r) => r.status);
    expect(await refused(biz.ig.id, { name: 'Mug', price: 9 })).toBe(400);
    expect(await refused(biz.page.id, { name: 'Mug', price: 9, currency: 'usd' })).toBe(400);
    expect(await refused(biz.page.id, { name: 'Mug', price: -1 })).toBe(400);
    const payload = { template_type: 'product', elements: [{ id: product.id }] };
    const catalogued = { id: product.id, retailer_id: 'GUJI-250', image_url: 'https://example.com/guji.png' };
    // On Messenger, and on Instagram through the Page the account is linked to.
    for (const to of [fb, ig]) {
      const sent = await send(payload, to);
      expect(sent.status, sent.text).toBe(200);
      const shown = await server().graph.get(
        `/v23.0/${sent.body.message_id}`,
        { fields: 'shares' },
        { token: biz.pageToken },
      );
      expect(shown.body.shares).toEqual({
        data: [
          {
            template: {
              payload: {
                product: {
                  elements: { data: [{ ...catalogued, name: 'Ethiopia Guji, 250 g', price: '€14.50' }] },
                },
              },
            },
          },
        ],
      });
      expect((await echoOf(sent.body.message_id)).item.message.attachments).toEqual([
        {
          type: 'template',
          payload: {
            product: { elements: [{ ...catalogued, title: 'Ethiopia Guji, 250 g', subtitle: '€14.50' }] },
          },
        },
      ]);
    }
  });

  it('sends the templates Instagram takes, echoed on the messages field', async () => {
    for (const payload of [GENERIC, BUTTON, OPT_IN]) {
      const sent = await send(payload, ig, biz.igToken);
      expect(sent.status, sent.text).toBe(200);
      expect(sent.body.recipient_id).toBe(ig.scopedId);
      const { raw, item } = await echoOf(sent.body.message_id);
      expect(item.message).toEqual({
        mid: sent.body.message_id,
        is_echo: true,
        attachments: [{ type: 'template', payload }],
      });
      expect(raw).toMatch(/^\{"object":"instagram"/);
    }
    const shown = await read((await send(GENERIC, ig, biz.igToken)).body.message_id, biz.igToken);
    expect(shown.attachments.data[0].generic_template.title).toBe('Welcome!');
  });

  it('works with messaging-api-messenger, its origin pointed at Parley', async () => {
    const client = new MessengerClient({ accessToken: biz.pageToken, origin: server().url, version: '23.0' });
    const receipt = await client.sendReceiptTemplate(fb.scopedId, {
      recipientName: RECEIPT.recipient_name,
      orderNumber: '98765',
      currency: 'USD',
      paymentMethod: 'Visa 2345',
      elements: [
        {
          title: 'Classic White T-Shirt',
          quantity: 2,
          price: 50,
          currency: 'USD',
          imageUrl: 'https://example.com/tee.png',
        },
      ],
      address: {
        street1: '1 Hacker Way',
        city: 'Menlo Park',
        postalCode: '94025',
        state: 'CA',
        country: 'US',
      },
      summary: { subtotal: 75, totalCost: 56.14 },
    });
    expect(receipt).toEqual({ recipientId: fb.scopedId, messageId: expect.stringMatching(/^m_/) });
    const echoed = (await echoOf(receipt.messageId)).item.message.attachments[0].payload;
    expect(echoed).toMatchObject({ order_number: '98765', address: { street_1: '1 Hacker Way' } });

    const { attachmentId } = await client.uploadAttachment('image', `${media.url}/photo.jpg`);
    const mediaSent = await client.sendMediaTemplate(fb.scopedId, [
      {
        mediaType: 'image',
        attachmentId,
        buttons: [{ type: 'postback', title: 'Like it', payload: 'LIKE' }],
      },
    ]);
    expect((await read(mediaSent.messageId)).attachments.data[0].image_data.url).toContain(
      `/cdn/${attachmentId}?`,
    );

    const buttonSent = await client.sendButtonTemplate(fb.scopedId, 'What next?', [
      { type: 'postback', title: 'Menu', payload: 'MENU' },
    ]);
    expect(buttonSent.messageId).toMatch(/^m_/);
    const genericSent = await client.sendGenericTemplate(fb.scopedId, GENERIC.elements, {
      imageAspectRatio: 'square',
    });
    const echo = (await echoOf(genericSent.messageId)).item.message.attachments[0].payload;
    expect(echo).toMatchObject({ template_type: 'generic', image_aspect_ratio: 'square' });

    await expect(
      client.sendReceiptTemplate(fb.scopedId, { ...RECEIPT, currency: 'usd' } as never),
    ).rejects.toThrow("Messenger API - 100 OAuthException (#100) The currency code 'usd' is not supported");
  });
});
