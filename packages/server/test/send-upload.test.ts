/**
 * Upload-and-send in one multipart request (`filedata` beside `recipient` and `message`), as Meta's "Save from
 * file" curl sends it: checked as the Attachment Upload API checks files, sent, and kept when `is_reusable`.
 */
import { mkdtempSync, writeFileSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessengerClient, type MessengerTypes } from 'messaging-api-messenger';
import { beforeAll, describe, expect, it } from 'vitest';
import { personWritingTo, useBusinessWithPeople } from './support/conversation.ts';
import { MEDIA_FILES } from './support/media-server.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

interface Upload {
  readonly recipient: Record<string, unknown>;
  readonly message: Record<string, unknown>;
  /** The file's name in MEDIA_FILES, and the type the form gives it. */
  readonly file?: readonly [string, string];
}

describeEachStore('Send API upload-and-send', (kind) => {
  const server = useTestServer(kind, { mediaUrlTtl: 3600 });
  const world = useBusinessWithPeople(server);

  /** `curl -F recipient=… -F message=… -F filedata=@file;type=… ".../messages?access_token=…"` */
  const upload = async (path: string, token: string, { recipient, message, file }: Upload, host?: string) => {
    const form = new FormData();
    form.set('recipient', JSON.stringify(recipient));
    form.set('message', JSON.stringify(message));
    if (file) form.set('filedata', new Blob([MEDIA_FILES[file[0]]!], { type: file[1] }), file[0]);
    const res = await fetch(server().graph.url(path, {}, { token }), {
      method: 'POST',
      body: form,
      ...(host && { headers: { host } }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const image = (payload: Record<string, unknown> = {}) => ({ attachment: { type: 'image', payload } });
  const attachmentsOf = async (mid: string, token: string) =>
    (await server().graph.get(`/v23.0/${mid}`, { fields: 'attachments' }, { token })).body.attachments.data;
  const bytesAt = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
  const messageCount = async (conversationId: string) =>
    (await server().sandbox.do('GET', `/conversations/${conversationId}`)).message_count as number;

  it("sends Meta's curl: the file goes out, and with is_reusable its attachment_id can be sent again", async () => {
    const { biz, fb } = world;
    const sent = await upload('/v23.0/me/messages', biz.pageToken, {
      recipient: { id: fb.scopedId },
      message: image({ is_reusable: true }),
      file: ['heart.png', 'image/png'],
    });
    expect(sent).toEqual({
      status: 200,
      body: {
        recipient_id: fb.scopedId,
        message_id: expect.stringMatching(/^m_/),
        attachment_id: expect.stringMatching(/^\d+$/),
      },
    });
    const [attachment] = await attachmentsOf(sent.body.message_id, biz.pageToken);
    expect((await bytesAt(attachment.image_data.url)).equals(MEDIA_FILES['heart.png']!)).toBe(true);

    const again = await server().graph.post(
      `/v23.0/${biz.page.id}/messages`,
      { recipient: { id: fb.scopedId }, message: image({ attachment_id: sent.body.attachment_id }) },
      { token: biz.pageToken },
    );
    expect(again.body).toEqual({ recipient_id: fb.scopedId, message_id: expect.any(String) });
    const [reused] = await attachmentsOf(again.body.message_id, biz.pageToken);
    expect((await bytesAt(reused.image_data.url)).equals(MEDIA_FILES['heart.png']!)).toBe(true);
  });

  it('uploads and sends on every path that sends: the Page, Instagram through it, and Instagram Login', async () => {
    const { biz, ig } = world;
    const viaPage = await upload(`/v23.0/${biz.page.id}/messages`, biz.pageToken, {
      recipient: { id: ig.scopedId },
      message: image(),
      file: ['photo.jpg', 'image/jpeg'],
    });
    expect(viaPage.body).toEqual({ recipient_id: ig.scopedId, message_id: expect.stringMatching(/^aWdf/) });

    const pdf = await upload(
      `/v23.0/${biz.ig.id}/messages`,
      biz.igToken,
      {
        recipient: { id: ig.scopedId },
        message: { attachment: { type: 'file', payload: {} } },
        file: ['doc.pdf', 'application/pdf'],
      },
      'graph.instagram.com',
    );
    expect(pdf.status).toBe(200);
    expect((await attachmentsOf(pdf.body.message_id, biz.igToken))[0]).toMatchObject({
      mime_type: 'application/pdf',
      name: 'doc.pdf',
    });
  });

  it("refuses a file of the wrong type, too large, or missing, with Meta's errors, and stores nothing", async () => {
    const { biz, ig, fb } = world;
    const refused = async (
      token: string,
      to: { id: string; conversation: string },
      body: Omit<Upload, 'recipient'>,
    ) => {
      const before = await messageCount(to.conversation);
      const res = await upload('/v23.0/me/messages', token, { recipient: { id: to.id }, ...body });
      expect(res.status).toBe(400);
      expect(await messageCount(to.conversation)).toBe(before);
      return res.body.error;
    };
    const onMessenger = { id: fb.scopedId, conversation: fb.conversationId };
    const onInstagram = { id: ig.scopedId, conversation: ig.conversationId };
    expect(
      await refused(biz.pageToken, onMessenger, { message: image(), file: ['doc.pdf', 'image/png'] }),
    ).toMatchObject({ code: 100, error_subcode: 2018047, message: '(#100) Upload attachment failure.' });
    expect(
      await refused(biz.igToken, onInstagram, { message: image(), file: ['image.webp', 'image/webp'] }),
    ).toMatchObject({ code: 100, error_subcode: 2534015, message: '(#100) Invalid message data' });
    expect(
      await refused(biz.pageToken, onMessenger, { message: image(), file: ['big.png', 'image/png'] }),
    ).toMatchObject({
      code: 100,
      error_subcode: 2018109,
      message: '(#100) Attachment size exceeds allowable limit',
    });
    expect(await refused(biz.pageToken, onMessenger, { message: image() })).toEqual({
      message: '(#100) The parameter message[attachment][payload][url] is required',
      type: 'OAuthException',
      code: 100,
      fbtrace_id: expect.any(String),
    });
  });

  describe('with messaging-api-messenger', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'parley-upload-'));
      writeFileSync(join(dir, 'shirt.png'), MEDIA_FILES['heart.png']!);
    });

    it('sends a local file as a stream, and as a buffer', async () => {
      const { biz } = world;
      const person = await personWritingTo(server().sandbox, biz.page.id);
      const client = new MessengerClient({ accessToken: biz.pageToken, origin: server().url });
      const streamed = await client.sendImage(person.scopedId, createReadStream(join(dir, 'shirt.png')), {
        messagingType: 'RESPONSE',
      });
      expect(streamed).toEqual({ recipientId: person.scopedId, messageId: expect.stringMatching(/^m_/) });
      const [picture] = await attachmentsOf(streamed.messageId, biz.pageToken);
      expect((await bytesAt(picture.image_data.url)).equals(MEDIA_FILES['heart.png']!)).toBe(true);

      // Its types leave out the file options its own example passes.
      const named: MessengerTypes.SendOption & MessengerTypes.UploadOption = { filename: 'menu.pdf' };
      const buffered = await client.sendFile(person.scopedId, MEDIA_FILES['doc.pdf']!, named);
      expect(buffered).toEqual({ recipientId: person.scopedId, messageId: expect.any(String) });
      expect((await attachmentsOf(buffered.messageId, biz.pageToken))[0].name).toBe('menu.pdf');
    });
  });
});
