import { describe, expect, it } from 'vitest';
import { whyUnheard } from '../src/why-unheard.ts';

const subscription = {
  app_id: 'a',
  object: 'page' as const,
  callback_url: 'http://bot',
  fields: ['messages'],
  faults: {},
};
const install = {
  app_id: 'a',
  account_id: 'p',
  via: 'page',
  fields: ['messages'],
  failing_since: null,
  disabled_at: null,
};

describe('whyUnheard', () => {
  it('names the first missing link between an event and a bot', () => {
    expect(whyUnheard({ data: [], installs: [] }, 'page', 'p', 'messages')).toBe(
      'No app subscribes to page webhooks.',
    );
    expect(whyUnheard({ data: [subscription], installs: [] }, 'page', 'p', 'messages')).toMatch(
      /not installed/,
    );
    expect(
      whyUnheard(
        { data: [subscription], installs: [{ ...install, disabled_at: 1 }] },
        'page',
        'p',
        'messages',
      ),
    ).toMatch(/disabled on this account after an hour of failures/);
    expect(whyUnheard({ data: [subscription], installs: [install] }, 'page', 'p', 'message_reads')).toBe(
      'The app does not subscribe to the message_reads field.',
    );
  });
});
