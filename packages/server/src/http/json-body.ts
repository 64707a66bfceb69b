/** Parses a request body that must be a JSON object; `fail` says how the caller reports a bad one. */
export function parseJsonObject(text: string, fail: (detail: string) => Error): Record<string, unknown> {
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw fail('The request body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw fail('The request body must be a JSON object');
  return body as Record<string, unknown>;
}
