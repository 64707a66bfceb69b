/** How the console reaches Parley: the typed sandbox client, and the Graph API with the world's tokens. */
import { SandboxClient, SandboxError } from '@parley/sandbox';

const TOKEN_KEY = 'parley.adminToken';

/** The admin token, when Parley asks for one (kept for this tab only). */
export function adminToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function setAdminToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  sandbox = makeClient();
}

function makeClient(): SandboxClient {
  const token = adminToken();
  return new SandboxClient({ baseUrl: location.origin, ...(token && { adminToken: token }) });
}

export let sandbox = makeClient();

/** Whether an error means the sandbox wants the admin token. */
export const needsToken = (error: unknown) => error instanceof SandboxError && error.status === 401;

/** A Graph API read with a token of the world, answered as JSON whatever its status. */
export async function graphGet(path: string, token: string): Promise<unknown> {
  const response = await fetch(`/v23.0/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return response.json();
}
