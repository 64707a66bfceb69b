/**
 * An exposed Parley (another bind address, or an admin token, as behind a reverse proxy) is no way into the
 * networks it sits on: webhook callbacks and media URLs reach no loopback, private or link-local address the
 * operator has not listed, by address, by name or by redirect; and no error quotes what a callback answered.
 * On a developer's loopback Parley everything stays allowed (the other webhook and media suites).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { personWritingTo } from './support/conversation.ts';
import { startMediaServer, type MediaServer } from './support/media-server.ts';
import { useTestServer, type TestServer } from './support/server.ts';
import { startReceiver, type Receiver } from './support/webhook-receiver.ts';

const ADMIN_TOKEN = 'an-operator-s3cret-token';

let media: MediaServer;
let receiver: Receiver;
beforeAll(async () => {
  media = await startMediaServer();
  receiver = await startReceiver();
});
afterAll(async () => {
  await media.close();
  await receiver.close();
});

async function world(server: TestServer) {
  const biz = await createBusiness(server.sandbox);
  const person = await personWritingTo(server.sandbox, biz.ig.id);
  const sendImage = (url: string) =>
    server.graph.post(
      '/v23.0/me/messages',
      { recipient: { id: person.scopedId }, message: { attachment: { type: 'image', payload: { url } } } },
      { token: biz.igToken },
    );
  const subscribe = (callbackUrl: string) =>
    server.graph.post(`/v23.0/${biz.app.id}/subscriptions`, {
      object: 'instagram',
      callback_url: callbackUrl,
      verify_token: 'verify-me',
      fields: 'messages',
      access_token: biz.app.app_token,
    });
  return { sendImage, subscribe };
}

describe('Exposed, with no private targets allowed', () => {
  const server = useTestServer('sqlite', { adminToken: ADMIN_TOKEN });

  it('refuses a loopback callback URL before connecting, whatever its spelling', async () => {
    const { subscribe } = await world(server());
    const port = new URL(receiver.url).port;
    const before = receiver.handshakes.length;
    for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]', '127.1', '0x7f000001']) {
      const refused = await subscribe(`http://${host}:${port}/webhook`);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 2200, type: 'OAuthException' });
      expect(refused.body.error.message).toContain('its address is not allowed');
    }
    expect(receiver.handshakes.length).toBe(before);
  });

  it('gives the same answer for an open and a closed port', async () => {
    const { subscribe, sendImage } = await world(server());
    const open = await subscribe(receiver.url);
    const closed = await subscribe('http://127.0.0.1:9/webhook');
    expect(open.body.error.message).toBe(closed.body.error.message);
    const openMedia = await sendImage(`${media.url}/photo.jpg`);
    const closedMedia = await sendImage('http://127.0.0.1:9/photo.jpg');
    expect(openMedia.body.error).toMatchObject({ code: 100, error_subcode: 2018008 });
    expect(openMedia.body.error.message).toBe(closedMedia.body.error.message);
  });

  it('fetches no media from loopback or link-local addresses', async () => {
    const { sendImage } = await world(server());
    media.hits.clear();
    const port = new URL(media.url).port;
    for (const url of [
      `${media.url}/photo.jpg`,
      `http://localhost:${port}/photo.jpg`,
      'http://169.254.169.254/latest/meta-data/photo.jpg',
      `http://[::1]:${port}/photo.jpg`,
    ]) {
      const refused = await sendImage(url);
      expect(refused.body.error).toMatchObject({ code: 100, error_subcode: 2018008 });
    }
    expect(media.hits.size).toBe(0);
  });
});

describe('Exposed, with a private host name allowed', () => {
  const server = useTestServer('sqlite', { adminToken: ADMIN_TOKEN, allowPrivateTargets: ['localhost'] });
  const byName = (url: string) => url.replace('127.0.0.1', 'localhost');

  it('reaches the listed name, and no other target by redirect', async () => {
    const { sendImage } = await world(server());
    media.hits.clear();
    expect((await sendImage(byName(`${media.url}/photo.jpg`))).status).toBe(200);
    const viaRedirect = await sendImage(
      byName(`${media.url}/redirect?to=${encodeURIComponent(`${media.url}/heart.png`)}`),
    );
    expect(viaRedirect.body.error).toMatchObject({ error_subcode: 2018008 });
    expect(media.hits.get('redirect')).toBe(1);
    expect(media.hits.has('heart.png')).toBe(false);
  });

  it('verifies a listed callback, and quotes nothing a failing one answered', async () => {
    const { subscribe } = await world(server());
    expect((await subscribe(byName(receiver.url))).body).toEqual({ success: true });
    const liar = await startReceiver({ handshake: 'wrong-challenge' });
    try {
      const refused = await subscribe(byName(liar.url));
      expect(refused.body.error.code).toBe(2200);
      expect(refused.body.error.message).toContain('Response does not match challenge');
      expect(refused.body.error.message).not.toContain('not the challenge');
    } finally {
      await liar.close();
    }
  });
});
