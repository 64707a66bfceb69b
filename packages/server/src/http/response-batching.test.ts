import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { batchResponses } from './response-batching.ts';

describe('response batching', () => {
  it('holds responses ready in the turn their requests arrived in until its end, then answers them all', async () => {
    const answer = batchResponses((n: number) => new Response(String(n)));
    const answered: number[] = [];
    const all = [1, 2, 3].map((n) => answer(n).then(() => answered.push(n)));
    // However many microtasks run, the turn has not ended.
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(answered).toEqual([]);
    await Promise.all(all);
    expect(answered).toEqual([1, 2, 3]);
  });

  it('answers at once a response that became ready in a later turn (after a commit)', async () => {
    const events: string[] = [];
    const answer = batchResponses(async () => {
      await nextTurn();
      // Anything queued for the turn after this one runs after the answer.
      setImmediate(() => events.push('next turn'));
      return new Response('ok');
    });
    await answer().then(() => events.push('answered'));
    await nextTurn();
    expect(events).toEqual(['answered', 'next turn']);
  });
});
