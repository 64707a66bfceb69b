/** Media in the Send API: fetched from the URL, checked by type and size, served from expiring CDN URLs. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, createBusiness } from './support/clients.ts';
import { personWritingTo, type Business } from './support/conversation.ts';
import { MEDIA_FILES, startMediaServer, type MediaServer } from './support/media-server.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Send API media', (kind) => {
  const server = useTestServer(kind, { mediaUrlTtl: 3600 });
  let media: MediaServer;
  let biz: Business;
  let ig: Awaited<ReturnType<typeof personWritingTo>>;
  let fb: Awaited<ReturnType<typeof personWritingTo>>;

  beforeAll(async () => {
    media = await startMediaServer();
    biz = await createBusiness(server().sandbox);
    ig = await personWritingTo(server().sandbox, biz.ig.id);
    fb = await personWritingTo(server().sandbox, biz.page.id);
  });
  afterAll(() => media.close());

  const sendMedia = (type: string, file: string, to = ig.scopedId, token = biz.igToken) =>
    server().graph.post(
      '/v23.0/me/messages',
      { recipient: { id: to }, message: { attachment: { type, payload: { url: `${media.url}/${file}` } } } },
      { token, bearer: true },
    );
  const attachmentsOf = async (mid: string, token = biz.igToken) =>
    (await server().graph.get(`/v23.0/${mid}`, { fields: 'attachments' }, { token })).body.attachments.data;

  it('sends every supported format, and serves the stored copy from a Parley CDN URL', async () => {
    const accepted: [string, string][] = [
      ['image', 'heart.png'],
      ['image', 'photo.jpg'],
      ['image', 'anim.gif'],
      ['audio', 'voice.m4a'],
      ['audio', 'voice.wav'],
      ['audio', 'clip.mp4'],
      ['video', 'clip.mp4'],
      ['video', 'clip.mov'],
      ['video', 'clip.webm'],
      ['file', 'doc.pdf'],
    ];
    for (const [type, file] of accepted) {
      const res = await sendMedia(type, file);
      expect(res.status, `${type} ${file}: ${res.text}`).toBe(200);
    }
    const photo = await sendMedia('image', 'photo.jpg');
    const [attachment] = await attachmentsOf(photo.body.message_id);
    expect(attachment.image_data.url).toMatch(
      new RegExp(`^${server().url}/cdn/\\d+\\?oh=[0-9a-f]{32}&oe=[0-9A-F]+$`),
    );
    const served = await fetch(attachment.image_data.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer()).equals(MEDIA_FILES['photo.jpg']!)).toBe(true);

    const pdf = await sendMedia('file', 'doc.pdf', fb.scopedId, biz.pageToken);
    const [file] = await attachmentsOf(pdf.body.message_id, biz.pageToken);
    expect(file).toMatchObject({
      mime_type: 'application/pdf',
      name: 'doc.pdf',
      size: MEDIA_FILES['doc.pdf']!.length,
      file_url: expect.stringContaining('/cdn/'),
    });
  });

  it('expires CDN URLs as Meta does, and hands out fresh ones on every read', async () => {
    const { sandbox } = server();
    const sent = await sendMedia('image', 'heart.png');
    const [first] = await attachmentsOf(sent.body.message_id);
    await sandbox.advanceClock(3601);
    const expired = await fetch(first.image_data.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toBe('URL signature expired');
    const tampered = await fetch(first.image_data.url.replace(/oh=[0-9a-f]{4}/, 'oh=0000'));
    expect(tampered.status).toBe(403);
    // People write again (the window had closed with the clock move), then the message is read again.
    await sandbox.send(ig.person.id, biz.ig.id, 'still there?');
    const [fresh] = await attachmentsOf(sent.body.message_id);
    expect((await fetch(fresh.image_data.url)).status).toBe(200);
  });

  it('refuses media of the wrong type, too large, or that cannot be fetched', async () => {
    const error = async (res: Promise<{ body: { error?: unknown } }>) => (await res).body.error;
    expect(await error(sendMedia('image', 'doc.pdf'))).toMatchObject({
      code: 100,
      error_subcode: 2534015,
      message: '(#100) Invalid message data',
    });
    expect(await error(sendMedia('image', 'not-a-picture.png', fb.scopedId, biz.pageToken))).toMatchObject({
      code: 100,
      error_subcode: 2018047,
    });
    expect(await error(sendMedia('image', 'image.webp'))).toMatchObject({ error_subcode: 2534015 });
    expect(await error(sendMedia('video', 'voice.wav'))).toMatchObject({ error_subcode: 2534015 });
    expect(await error(sendMedia('image', 'big.png'))).toMatchObject({
      code: 100,
      error_subcode: 2018109,
      message: '(#100) Attachment size exceeds allowable limit',
    });
    expect(await error(sendMedia('image', 'streamed-big.png'))).toMatchObject({ error_subcode: 2018109 });
    expect(await error(sendMedia('video', 'big.mp4'))).toMatchObject({ error_subcode: 2018109 });
    expect(await error(sendMedia('image', 'missing.png'))).toMatchObject({
      code: 100,
      error_subcode: 2018008,
    });
    const closed = await server().graph.post(
      '/v23.0/me/messages',
      {
        recipient: { id: ig.scopedId },
        message: { attachment: { type: 'image', payload: { url: 'http://127.0.0.1:9/x.png' } } },
      },
      { token: biz.igToken },
    );
    expect(closed.body.error.error_subcode).toBe(2018008);
    const ftp = await server().graph.post(
      '/v23.0/me/messages',
      {
        recipient: { id: ig.scopedId },
        message: { attachment: { type: 'image', payload: { url: 'ftp://example.com/x.png' } } },
      },
      { token: biz.igToken },
    );
    expect(ftp.body.error.error_subcode).toBe(2018008);
  });

  it('uploads reusable attachments (by URL or as a file) and sends them by attachment_id for 90 days', async () => {
    const { graph, sandbox } = server();
    const upload = await graph.post(
      '/v23.0/me/message_attachments',
      {
        message: {
          attachment: { type: 'image', payload: { url: `${media.url}/photo.jpg`, is_reusable: true } },
        },
      },
      { token: biz.igToken },
    );
    expect(upload.body).toEqual({ attachment_id: expect.stringMatching(/^\d+$/) });
    const byId = (attachmentId: string, token = biz.igToken, to = ig.scopedId) =>
      graph.post(
        '/v23.0/me/messages',
        {
          recipient: { id: to },
          message: { attachment: { type: 'image', payload: { attachment_id: attachmentId } } },
        },
        { token },
      );
    const sent = await byId(upload.body.attachment_id);
    expect(sent.status).toBe(200);
    expect((await byId(upload.body.attachment_id)).status).toBe(200);

    const form = new FormData();
    form.set('message', JSON.stringify({ attachment: { type: 'file', payload: { is_reusable: true } } }));
    form.set('filedata', new Blob([MEDIA_FILES['doc.pdf']!], { type: 'application/pdf' }), 'menu.pdf');
    const multipart = await fetch(
      graph.url(`/v23.0/${biz.page.id}/message_attachments`, {}, { token: biz.pageToken }),
      { method: 'POST', body: form },
    );
    const uploaded = (await multipart.json()) as { attachment_id: string };
    expect(uploaded.attachment_id).toMatch(/^\d+$/);
    const pdf = await graph.post(
      '/v23.0/me/messages',
      {
        recipient: { id: fb.scopedId },
        message: { attachment: { type: 'file', payload: { attachment_id: uploaded.attachment_id } } },
      },
      { token: biz.pageToken },
    );
    expect(pdf.status).toBe(200);
    expect((await attachmentsOf(pdf.body.message_id, biz.pageToken))[0].name).toBe('menu.pdf');

    const other = await createBusiness(sandbox);
    const stranger = await personWritingTo(sandbox, other.ig.id);
    const notOwned = await byId(upload.body.attachment_id, other.igToken, stranger.scopedId);
    expect(notOwned.body.error).toMatchObject({
      code: 100,
      error_subcode: 2018074,
      message: '(#100) Possible invalid ID or you do not own the attachment.',
    });
    await sandbox.advanceClock(91 * 24 * 3600);
    await sandbox.send(ig.person.id, biz.ig.id, 'back after three months');
    expect((await byId(upload.body.attachment_id)).body.error.error_subcode).toBe(2018074);
  });

  it('answers an attachment_id for media sent by URL with is_reusable, which can be sent again', async () => {
    const { graph } = server();
    const send = (token: string, to: string, payload: Record<string, unknown>, type = 'image') =>
      graph.post(
        '/v23.0/me/messages',
        { recipient: { id: to }, message: { attachment: { type, payload } } },
        { token },
      );
    const first = await send(biz.igToken, ig.scopedId, { url: `${media.url}/photo.jpg`, is_reusable: true });
    expect(first.body).toEqual({
      recipient_id: ig.scopedId,
      message_id: expect.any(String),
      attachment_id: expect.stringMatching(/^\d+$/),
    });
    const again = await send(biz.igToken, ig.scopedId, { attachment_id: first.body.attachment_id });
    expect(again.body).toEqual({ recipient_id: ig.scopedId, message_id: expect.any(String) });
    const [original] = await attachmentsOf(first.body.message_id);
    const [reused] = await attachmentsOf(again.body.message_id);
    const bytes = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
    expect((await bytes(reused.image_data.url)).equals(await bytes(original.image_data.url))).toBe(true);

    // Messenger too, with `is_reusable` as text (as a form body carries it); without the flag no id is
    // answered. (An earlier test moved the clock past the window, so the person writes first.)
    await server().sandbox.send(fb.person.id, biz.page.id, 'hello again');
    const pdf = await send(
      biz.pageToken,
      fb.scopedId,
      { url: `${media.url}/doc.pdf`, is_reusable: 'true' },
      'file',
    );
    expect(pdf.body.attachment_id).toMatch(/^\d+$/);
    const pdfAgain = await send(
      biz.pageToken,
      fb.scopedId,
      { attachment_id: pdf.body.attachment_id },
      'file',
    );
    expect(pdfAgain.status, pdfAgain.text).toBe(200);
    const plain = await send(biz.igToken, ig.scopedId, { url: `${media.url}/photo.jpg` });
    expect(plain.body).toEqual({ recipient_id: ig.scopedId, message_id: expect.any(String) });
    const [once] = await attachmentsOf(plain.body.message_id);
    const notReusable = await send(biz.igToken, ig.scopedId, { attachment_id: once.id });
    expect(notReusable.body.error).toMatchObject({ code: 100, error_subcode: 2018074 });
  });

  it("names the attachment types each endpoint takes when given another, in Meta's order", async () => {
    const { graph } = server();
    const upload = await graph.post(
      '/v23.0/me/message_attachments',
      { message: { attachment: { type: 'gif', payload: { url: `${media.url}/photo.jpg` } } } },
      { token: biz.igToken },
    );
    expect(upload.body.error.message).toBe(
      '(#100) Param message[attachment][type] must be one of {IMAGE, AUDIO, VIDEO, FILE} - got "gif"',
    );
    const send = (token: string, to: string) =>
      graph.post(
        '/v23.0/me/messages',
        { recipient: { id: to }, message: { attachment: { type: 'gif', payload: { url: 'x' } } } },
        { token },
      );
    expect((await send(biz.igToken, ig.scopedId)).body.error.message).toBe(
      '(#100) Param message[attachment][type] must be one of {IMAGE, AUDIO, VIDEO, FILE, TEMPLATE, LIKE_HEART, MEDIA_SHARE} - got "gif"',
    );
  });

  it('sends several images at once on Instagram, and only there', async () => {
    const { graph } = server();
    await server().sandbox.send(ig.person.id, biz.ig.id, 'show me');
    await server().sandbox.send(fb.person.id, biz.page.id, 'show me');
    const images = (n: number) =>
      Array.from({ length: n }, () => ({ type: 'image', payload: { url: `${media.url}/heart.png` } }));
    const several = await graph.post(
      '/v23.0/me/messages',
      { recipient: { id: ig.scopedId }, message: { attachments: images(3) } },
      { token: biz.igToken },
    );
    expect(several.status).toBe(200);
    expect(await attachmentsOf(several.body.message_id)).toHaveLength(3);
    const tooMany = await graph.post(
      '/v23.0/me/messages',
      { recipient: { id: ig.scopedId }, message: { attachments: images(11) } },
      { token: biz.igToken },
    );
    expect(tooMany.body.error.code).toBe(194);
    const messenger = await graph.post(
      '/v23.0/me/messages',
      { recipient: { id: fb.scopedId }, message: { attachments: images(2) } },
      { token: biz.pageToken },
    );
    expect(messenger.body.error.code).toBe(100);
    const formUpload = await call(graph.url('/v23.0/me/message_attachments', {}, { token: biz.igToken }), {
      method: 'POST',
      body: new URLSearchParams({ message: '{}' }),
    });
    expect(formUpload.body.error.message).toBe('(#100) The parameter message[attachment] is required');
  });
});
