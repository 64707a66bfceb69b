/**
 * A browser on Parley's login pages, played by fetch: each redirect followed one at a time (as GET, without
 * its fragment), and the consent pages' forms filled in and submitted as a browser submits them.
 */
import { expect } from 'vitest';

export interface Visit {
  readonly response: Response;
  /** Every URL the browser went to, the last one answering. */
  readonly urls: string[];
}

/** A browser's navigation: the request, then each redirect (as GET, without its fragment) until an answer. */
export async function browse(url: string, init: RequestInit = {}): Promise<Visit> {
  const urls = [url];
  let response = await fetch(url, { ...init, redirect: 'manual' });
  while (response.status >= 300 && response.status < 400) {
    const next = new URL(response.headers.get('location')!, urls.at(-1)).toString();
    urls.push(next);
    response = await fetch(next, { redirect: 'manual' });
  }
  return { response, urls };
}

const unescape = (text: string) => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(+code));

/** A form's inputs as the browser submits them: hidden ones, and checkboxes and radios that are checked. */
function formInputs(html: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const [, attributes] of html.matchAll(/<input ([^>]*)>/g)) {
    const attr = Object.fromEntries([...attributes!.matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
    const checked = /\bchecked\b/.test(attributes!);
    if (attr.type === 'hidden' || ((attr.type === 'checkbox' || attr.type === 'radio') && checked)) {
      fields.append(attr.name!, unescape(attr.value!));
    }
  }
  return fields;
}

/** The person logs in on the dialog as `personId` (the first page's form), then Allows or Cancels. */
export async function consent(
  dialog: string,
  personId: string,
  decision: 'approve' | 'deny',
): Promise<Visit> {
  const login = await fetch(dialog, { redirect: 'manual' });
  const loginPage = await login.text();
  expect(login.status).toBe(200);
  expect(loginPage).toContain(`<option value="${personId}">`);
  // A GET form without an action: the dialog's own URL, its query the form's fields.
  const fields = formInputs(loginPage);
  fields.set('parley_person', personId);
  const consentUrl = `${dialog.split('?')[0]}?${fields}`;
  const consentPage = await (await fetch(consentUrl)).text();
  expect(consentPage).toContain('is requesting access');
  const form = formInputs(consentPage);
  form.set('parley_decision', decision);
  return browse(consentUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
}
