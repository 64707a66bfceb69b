/** Reactions: Meta's reaction names and the emoji each stands for. */

export const REACTION_EMOJI = {
  love: '\u2764\ufe0f',
  like: '\u{1f44d}',
  smile: '\u{1f606}',
  wow: '\u{1f62e}',
  sad: '\u{1f622}',
  angry: '\u{1f620}',
  dislike: '\u{1f44e}',
} as const;

export type ReactionName = keyof typeof REACTION_EMOJI | 'other';

/** Accepts a reaction name or an emoji; answers Meta's name and the emoji. */
export function normalizeReaction(input: string): { reaction: ReactionName; emoji: string } {
  if (input in REACTION_EMOJI) {
    const reaction = input as keyof typeof REACTION_EMOJI;
    return { reaction, emoji: REACTION_EMOJI[reaction] };
  }
  const named = Object.entries(REACTION_EMOJI).find(
    ([, emoji]) => emoji === input || emoji.replace('\ufe0f', '') === input,
  );
  return named
    ? { reaction: named[0] as ReactionName, emoji: named[1] }
    : { reaction: 'other', emoji: input };
}
