/** One JSON call to a Parley's sandbox (`/_parley`), failing with the sandbox's own error message. */
export type SandboxCall = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

export function sandboxCaller(baseUrl: string): SandboxCall {
  return async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/_parley${path}`, {
      method,
      ...(body !== undefined && {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    const answer = (await response.json()) as T & { error?: { message: string } };
    if (!response.ok)
      throw new Error(`Parley sandbox ${method} ${path}: ${answer.error?.message ?? response.status}`);
    return answer;
  };
}
