/** The absolute URLs a response links to (paging), built from the request's own scheme, host and path. */
const META_HOSTS = /^graph\.(instagram|facebook)\.com(:\d+)?$/i;

export function publicOrigin(url: URL, headers: { host?: string; forwardedProto?: string }): string {
  const host = headers.host ?? url.host;
  const proto =
    headers.forwardedProto?.split(',')[0]?.trim() ||
    (META_HOSTS.test(host) ? 'https' : url.protocol.replace(':', ''));
  return `${proto}://${host}`;
}

export function withQuery(base: string, params: Readonly<Record<string, unknown>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${base}?${query}` : base;
}
