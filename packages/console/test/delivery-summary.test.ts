import { describe, expect, it } from 'vitest';
import { deliverySummary } from '../src/delivery-summary.ts';

const entry = (items: object) => ({ id: '1784', time: 1, ...items });

describe('deliverySummary', () => {
  it('says what messaging events are', () => {
    expect(
      deliverySummary(
        entry({
          messaging: [
            { sender: { id: '1' }, message: { mid: 'm', text: 'Hi' } },
            { sender: { id: '2' }, message: { mid: 'n', is_echo: true, attachments: [{ type: 'image' }] } },
            { sender: { id: '1' }, reaction: { mid: 'm', action: 'react', emoji: '❤️' } },
            { sender: { id: '1' }, postback: { title: 'Menu', payload: 'MENU' } },
            { sender: { id: '1' }, message: { mid: 'm', is_deleted: true } },
            { sender: { id: '1' }, read: { mid: 'm' } },
          ],
        }),
      ),
    ).toBe('“Hi” · echo: image · reaction react ❤️ · postback “Menu” · unsent · read');
  });

  it('says what changes are: comments, replies, mentions and Page feed comments', () => {
    const comment = (value: object) => entry({ changes: [{ field: 'comments', value }] });
    expect(
      deliverySummary(comment({ from: { id: '6', username: 'mina.kim' }, id: 'c', text: 'price?' })),
    ).toBe('@mina.kim commented “price?”');
    expect(
      deliverySummary(
        entry({
          changes: [
            {
              field: 'live_comments',
              value: { from: { username: 'jun' }, id: 'd', parent_id: 'c', text: 'ok' },
            },
            { field: 'mentions', value: { comment_id: 'c', media_id: 'm' } },
            { field: 'mentions', value: { media_id: 'm' } },
          ],
        }),
      ),
    ).toBe('@jun replied “ok” · mentioned in comment c · mentioned in media m');
    expect(
      deliverySummary(
        entry({
          changes: [
            {
              field: 'feed',
              value: { from: { id: '7', name: 'Alex' }, item: 'comment', verb: 'add', message: 'Nice' },
            },
            { field: 'feed', value: { from: { id: '7', name: 'Alex' }, item: 'comment', verb: 'remove' } },
          ],
        }),
      ),
    ).toBe('comment add by Alex “Nice” · comment remove by Alex');
  });
});
