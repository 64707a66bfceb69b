/**
 * A seed document (JSON or YAML; see docs/sandbox-api.md) parsed here and checked whole by @parley/sandbox's
 * `SeedDocument` schema before anything of it is stored: wrong types, unknown keys, unknown folders and
 * oversized repeats answer 400, naming the exact path (`conversations[0].messages[3].text: must be a string`).
 */
import { readFileSync } from 'node:fs';
import { GraphError } from '@parley/protocol';
import { SeedDocument as SeedSchema, type SeedDocument } from '@parley/sandbox';
import { parse as parseYaml } from 'yaml';
import { checked } from './input.ts';

export type { SeedDocument };
export type SeedConversation = SeedDocument['conversations'][number];
export type SeedMessage = SeedConversation['messages'][number];
export type SeedWebhook = SeedDocument['webhooks'][number];

/** What is wrong with a seed that its shape does not show (a reference, a time, a folder of the platform). */
export function invalidSeed(detail: string): GraphError {
  return new GraphError('sandboxInvalidRequest', { detail: `Seed: ${detail}` });
}

/** Checks a parsed document whole, answering it typed. */
export function readSeed(doc: unknown): SeedDocument {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw invalidSeed('a seed is an object with apps, accounts, users, tokens, conversations, webhooks');
  }
  return checked(SeedSchema, doc);
}

export function parseSeedText(text: string): SeedDocument {
  let doc: unknown;
  try {
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new GraphError('sandboxInvalidRequest', {
      detail: `The seed is not valid JSON or YAML: ${(error as Error).message}`,
    });
  }
  return readSeed(doc);
}

export function readSeedFile(path: string): SeedDocument {
  return parseSeedText(readFileSync(path, 'utf8'));
}
