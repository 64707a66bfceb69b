/** docs/errors.md and the error catalogue say the same thing, both ways. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorSpec } from './error-catalogue.ts';

const DOC = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

/** The catalogue as docs/errors.md tabulates it. */
function catalogueRow(key: string, spec: ErrorSpec): string[] {
  return [
    `\`${key}\``,
    String(spec.code),
    spec.subcode === undefined ? '' : String(spec.subcode),
    spec.type,
    spec.instagramType ?? 'IGApiException',
    String(spec.status),
    spec.message,
  ];
}

function documentedRows(): string[][] {
  return DOC.split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

describe('docs/errors.md', () => {
  it('lists every error of the catalogue, as the catalogue defines it', () => {
    const documented = new Map(documentedRows().map((row) => [row[0], row]));
    for (const [key, spec] of Object.entries(ERROR_CATALOGUE)) {
      expect(documented.get(`\`${key}\``), `docs/errors.md is missing ${key}`).toEqual(
        catalogueRow(key, spec),
      );
    }
  });

  it('lists nothing the catalogue does not have', () => {
    const keys = new Set(Object.keys(ERROR_CATALOGUE).map((k) => `\`${k}\``));
    for (const row of documentedRows())
      expect(keys.has(row[0]!), `${row[0]} is not in the catalogue`).toBe(true);
  });
});
