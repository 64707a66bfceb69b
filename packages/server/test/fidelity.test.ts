/** Replays the fidelity specs in test/fidelity/ (Meta's documented requests and responses) against the demo world. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO } from './support/demo-world.ts';
import { useTestServer } from './support/server.ts';
import { shapeMismatches } from './support/shape-matcher.ts';
import { describeEachStore } from './support/stores.ts';

const METHODS = ['GET', 'POST', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

interface Step {
  name: string;
  request: Partial<Record<Method, string>> & { host?: string; body?: Record<string, unknown> };
  expect: { status: number; body: unknown };
  save?: Record<string, string>;
}

interface Spec {
  title: string;
  source: string;
  steps: Step[];
}

const DIR = fileURLToPath(new URL('./fidelity/', import.meta.url));
const SPECS = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((file) => ({ file, spec: parse(readFileSync(DIR + file, 'utf8')) as Spec }));

function fill<T>(value: T, vars: Record<string, string>): T {
  if (typeof value === 'string')
    return value.replace(/\{([A-Z_]+)\}/g, (whole, name: string) => vars[name] ?? whole) as T;
  if (Array.isArray(value)) return value.map((v) => fill(v, vars)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)])) as T;
  }
  return value;
}

function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);
}

describeEachStore('Fidelity specs', (kind) => {
  const server = useTestServer(kind, { seed: 'demo' });

  for (const { file, spec } of SPECS) {
    it(`${file}: ${spec.title}`, async () => {
      // Every spec starts from the demo world as seeded, whatever the specs before it changed.
      await server().sandbox.do('POST', '/reset', { seed: 'demo' });
      const vars: Record<string, string> = { ...DEMO };
      for (const step of spec.steps) {
        const methods = METHODS.filter((m) => step.request[m] !== undefined);
        if (methods.length !== 1) throw new Error(`${file}: "${step.name}" must name one of ${METHODS}`);
        const method = methods[0]!;
        const path = fill(step.request[method]!, vars);
        const headers = step.request.host ? { host: step.request.host } : undefined;
        const graph = server().graph;
        const res =
          method === 'POST'
            ? await graph.post(path, fill(step.request.body ?? {}, vars), { headers })
            : method === 'DELETE'
              ? await graph.delete(path, {}, { headers })
              : await graph.get(path, {}, { headers });
        const problems = [
          ...(res.status === step.expect.status
            ? []
            : [`status: expected ${step.expect.status}, got ${res.status}`]),
          ...shapeMismatches(res.body, fill(step.expect.body, vars)),
        ];
        expect(problems, `${step.name}\n${method} ${path}\n${res.text}`).toEqual([]);
        for (const [name, where] of Object.entries(step.save ?? {})) vars[name] = String(at(res.body, where));
      }
    });
  }
});
