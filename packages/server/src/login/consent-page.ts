/**
 * The consent pages Facebook Login's dialog and Instagram Login's authorize page show, as plain HTML forms:
 * who is logging in, what the app asks for, and which Pages or Instagram account to grant. No script; the
 * original request's parameters travel in hidden fields.
 */
import type { AccountRow, AppRow, LoginFamily, PersonRow } from '../store/schema.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:15px system-ui,sans-serif;background:#f0f2f5;margin:0;display:flex;justify-content:center}
main{background:#fff;margin:48px 16px;padding:24px 28px;border-radius:8px;max-width:460px;width:100%;box-shadow:0 1px 3px #0003}
h1{font-size:20px;margin:0 0 4px}p.meta{color:#65676b;margin:0 0 16px}ul{padding-left:20px}
label{display:block;margin:6px 0}.actions{display:flex;gap:8px;margin-top:20px}
button{font:inherit;padding:8px 16px;border-radius:6px;border:1px solid #ccd0d5;background:#fff;cursor:pointer}
button.primary{background:#1877f2;color:#fff;border-color:#1877f2}.error{color:#b00020}`;

const BRAND: Record<LoginFamily, string> = { facebook: 'Facebook', instagram: 'Instagram' };

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function hidden(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join('');
}

/** What the dialog cannot go on with (an unknown app, a redirect URI not allowed, an unknown scope). */
export function dialogErrorPage(family: LoginFamily, title: string, detail: string): string {
  return page(`${BRAND[family]} Login`, `<h1 class="error">${escape(title)}</h1><p>${escape(detail)}</p>`);
}

/** Step one: which person is logging in (Meta's own login page, played by the sandbox). */
export function chooseLoginPage(input: {
  family: LoginFamily;
  app: AppRow;
  people: readonly PersonRow[];
  params: Readonly<Record<string, string>>;
}): string {
  const options = input.people
    .map(
      (p) =>
        `<option value="${escape(p.id)}">${escape(p.name ?? p.username)} (@${escape(p.username)})</option>`,
    )
    .join('');
  return page(
    `Log in to ${input.app.name}`,
    `<h1>Log in with ${BRAND[input.family]}</h1><p class="meta">to continue to ${escape(input.app.name)}</p>
<form method="get">${hidden(input.params)}
<label>Log in as <select name="parley_person" data-testid="person">${options}</select></label>
<div class="actions"><button class="primary" type="submit">Continue</button></div></form>`,
  );
}

/** Step two: what the app asks for, and which accounts to grant it (granular scopes). */
export function consentPage(input: {
  family: LoginFamily;
  app: AppRow;
  person: PersonRow;
  scopes: readonly string[];
  accounts: readonly AccountRow[];
  params: Readonly<Record<string, string>>;
}): string {
  const { family, app, person, accounts } = input;
  const single = family === 'instagram';
  const choices = accounts.length
    ? accounts
        .map(
          (a, i) =>
            `<label><input type="${single ? 'radio' : 'checkbox'}" name="parley_account" value="${escape(a.id)}"${
              !single || i === 0 ? ' checked' : ''
            }> ${escape(a.name ?? a.username ?? a.id)}${a.username ? ` (@${escape(a.username)})` : ''}</label>`,
        )
        .join('')
    : `<p class="meta">${escape(person.name ?? person.username)} has no role on any ${
        single ? 'Instagram professional account' : 'Page'
      }.</p>`;
  return page(
    `${app.name} is requesting access`,
    `<h1>${escape(app.name)} is requesting access</h1>
<p class="meta">Logged in as ${escape(person.name ?? person.username)} · <a href="?${new URLSearchParams(
      Object.entries(input.params).filter(([k]) => k !== 'parley_person' && k !== 'parley_seal'),
    )}">Not you?</a></p>
<form method="post">${hidden(input.params)}
<p>${single ? 'Instagram account' : 'Pages'} to grant:</p>${choices}
<p>Permissions:</p><ul>${input.scopes.map((s) => `<li>${escape(s)}</li>`).join('')}</ul>
<div class="actions"><button class="primary" type="submit" name="parley_decision" value="approve">Allow</button>
<button type="submit" name="parley_decision" value="deny">Cancel</button></div></form>`,
  );
}
