/**
 * Facebook Login's dialog (`/{version}/dialog/oauth`, on www.facebook.com) and Instagram Login's authorize
 * page (`/oauth/authorize`, on www.instagram.com): the consent pages, and the redirect back to the app. A
 * login a test approved ahead through the sandbox is answered at once, without a page.
 */
import { Hono, type Context } from 'hono';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { LoginFamily } from '../store/schema.ts';
import {
  approvedRedirect,
  consentSeal,
  deniedRedirect,
  DialogRefusal,
  grantableAccounts,
  loginCandidates,
  readDialog,
  sealMatches,
  type DialogRequest,
} from '../login/dialog.ts';
import { chooseLoginPage, consentPage, dialogErrorPage } from '../login/consent-page.ts';

/** The consent form's own fields, apart from the client's. */
const OWN_FIELDS = ['parley_person', 'parley_account', 'parley_decision', 'parley_seal'];

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The consent page may not be framed by another site (clickjacking), as Meta's may not.
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action *; frame-ancestors 'none'",
};

const html = (body: string, status = 200) => new Response(body, { status, headers: HTML_HEADERS });

function clientParams(form: URLSearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of form) if (!OWN_FIELDS.includes(key) && !(key in params)) params[key] = value;
  return params;
}

export function loginDialogRoutes(deps: { store: Store; clock: Clock }): Hono {
  const { store, clock } = deps;
  const routes = new Hono();

  async function dialogOf(family: LoginFamily, form: URLSearchParams) {
    const request = await readDialog(store, family, clientParams(form));
    if (request instanceof DialogRefusal) {
      return { refused: html(dialogErrorPage(family, request.title, request.detail), 400) };
    }
    return { request };
  }

  async function show(c: Context, family: LoginFamily) {
    const query = new URL(c.req.url).searchParams;
    const { request, refused } = await dialogOf(family, query);
    if (refused) return refused;
    const approval = await store.grants.takeApproval(request.app.id, family);
    if (approval) return c.redirect(await approved(request, approval), 302);
    const person = await store.people.get(query.get('parley_person') ?? '');
    const params = clientParams(query);
    if (!person) {
      return html(
        chooseLoginPage({ family, app: request.app, people: await loginCandidates(store), params }),
      );
    }
    return html(
      consentPage({
        family,
        app: request.app,
        person,
        scopes: request.scopes,
        accounts: await grantableAccounts(store, family, person),
        params: {
          ...params,
          parley_person: person.id,
          parley_seal: consentSeal(store.serverSecret, request, person.id),
        },
      }),
    );
  }

  async function approved(
    request: DialogRequest,
    approval: { person_id: string; decision: string; scopes: string | null; target_ids: string | null },
  ) {
    const person = await store.people.get(approval.person_id);
    if (!person || approval.decision === 'deny') return deniedRedirect(request);
    const grantable = (await grantableAccounts(store, request.family, person)).map((a) => a.id);
    const wanted = approval.target_ids === null ? grantable : (JSON.parse(approval.target_ids) as string[]);
    const targets = wanted.filter((id) => grantable.includes(id));
    const scopes =
      approval.scopes === null
        ? request.scopes
        : request.scopes.filter((s) => (JSON.parse(approval.scopes!) as string[]).includes(s));
    return approvedRedirect(
      store,
      request,
      person,
      onlyOneOnInstagram(request, targets),
      clock.now(),
      scopes,
    );
  }

  async function decide(c: Context, family: LoginFamily) {
    const form = new URLSearchParams(await c.req.text());
    const { request, refused } = await dialogOf(family, form);
    if (refused) return refused;
    const person = await store.people.get(form.get('parley_person') ?? '');
    if (!person || !sealMatches(store.serverSecret, request, person.id, form.get('parley_seal') ?? '')) {
      return html(
        dialogErrorPage(family, 'Something went wrong', 'This consent form has expired. Log in again.'),
        400,
      );
    }
    if (form.get('parley_decision') !== 'approve') return c.redirect(deniedRedirect(request), 302);
    const grantable = (await grantableAccounts(store, family, person)).map((a) => a.id);
    const targets = form.getAll('parley_account').filter((id) => grantable.includes(id));
    return c.redirect(
      await approvedRedirect(store, request, person, onlyOneOnInstagram(request, targets), clock.now()),
      302,
    );
  }

  for (const path of ['/dialog/oauth', '/:version{v\\d+\\.\\d+}/dialog/oauth']) {
    routes.get(path, (c) => show(c, 'facebook'));
    routes.post(path, (c) => decide(c, 'facebook'));
  }
  for (const path of ['/oauth/authorize', '/oauth/authorize/']) {
    routes.get(path, (c) => show(c, 'instagram'));
    routes.post(path, (c) => decide(c, 'instagram'));
  }
  return routes;
}

/** Instagram Login logs in as one account. */
function onlyOneOnInstagram(request: DialogRequest, targets: readonly string[]): readonly string[] {
  return request.family === 'instagram' ? targets.slice(0, 1) : targets;
}
