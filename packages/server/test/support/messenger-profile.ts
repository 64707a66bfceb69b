/** For the Messenger profile tests: a business, the profile's three calls with its tokens, and sample values. */
import { beforeAll, expect } from 'vitest';
import { createBusiness } from './clients.ts';
import type { TestServer } from './server.ts';

type Business = Awaited<ReturnType<typeof createBusiness>>;

export const MENU = [
  {
    locale: 'default',
    composer_input_disabled: false,
    call_to_actions: [
      { type: 'postback', title: 'Talk to an agent', payload: 'CARE_HELP' },
      {
        type: 'web_url',
        title: 'Shop now',
        url: 'https://www.originalcoastclothing.com/',
        webview_height_ratio: 'full',
      },
    ],
  },
];

export const ICE_BREAKERS = [
  {
    call_to_actions: [
      { question: 'Where are you located?', payload: 'LOCATION' },
      { question: 'What are your hours?', payload: 'HOURS' },
    ],
    locale: 'default',
  },
  { call_to_actions: [{ question: 'Quelles sont vos heures ?', payload: 'HOURS' }], locale: 'fr_FR' },
];

/** Meta's error envelope for a Graph refusal (code 100 unless `extra` says otherwise). */
export const graphError = (message: string, extra: Record<string, unknown> = {}) => ({
  status: 400,
  body: {
    error: { message, type: 'OAuthException', code: 100, ...extra, fbtrace_id: expect.any(String) },
  },
});

export const answer = (res: { status: number; body: unknown }) => ({ status: res.status, body: res.body });

/** Before the tests, a business; `post`, `get` and `del` call `/me/messenger_profile` (with its Page token unless told). */
export function useProfileApi(server: () => TestServer) {
  const world = {} as { biz: Business };
  beforeAll(async () => {
    world.biz = await createBusiness(server().sandbox);
  });
  const path = '/v23.0/me/messenger_profile';
  return {
    world,
    post: (body: Record<string, unknown>, token = world.biz.pageToken) =>
      server().graph.post(path, body, { token }),
    get: (fields: string | undefined, token = world.biz.pageToken, extra: Record<string, string> = {}) =>
      server().graph.get(path, { fields, ...extra }, { token }),
    /** A DELETE as the JS SDK sends one: a POST with `method=delete`. */
    del: (fields: unknown, token = world.biz.pageToken) =>
      server().graph.post(path, { method: 'delete', fields }, { token }),
  };
}
