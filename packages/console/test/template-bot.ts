/** The console tests' bot: a real webhook receiver on 127.0.0.1 that answers through the Send API. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@parley/protocol/signature';
import type { Parley } from '../../server/src/index.ts';

interface Heard {
  readonly signed: boolean;
  readonly event: any;
}

/** A bot: answers each text with a button template, through the Send API, and keeps what it heard. */
export async function startBot(parley: () => Parley) {
  const heard: Heard[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bot');
    if (req.method === 'GET') return void res.end(url.searchParams.get('hub.challenge'));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.end('ok');
      const raw = Buffer.concat(chunks);
      const signed = verify(raw, req.headers['x-hub-signature-256'], parley().app.secret);
      for (const entry of JSON.parse(raw.toString()).entry) {
        for (const event of entry.messaging ?? []) {
          heard.push({ signed, event });
          if (!event.message?.text || event.message.is_echo) continue;
          void fetch(`${parley().url}/v23.0/me/messages?access_token=${parley().tokens.instagram}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              recipient: event.sender,
              message: {
                attachment: {
                  type: 'template',
                  payload: {
                    template_type: 'button',
                    text: `Thanks for: ${event.message.text}`,
                    buttons: [{ type: 'postback', title: 'Menu', payload: 'MENU' }],
                  },
                },
              },
            }),
          });
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    heard,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
