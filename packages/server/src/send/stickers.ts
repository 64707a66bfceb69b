/** The `like_heart` sticker Instagram lets a business send: a small heart, stored and served like any image. */

/** A 16×16 heart (PNG). */
export const LIKE_HEART_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAARUlEQVR42mNgoBZ46xn2H4ZJVoMsgcsQnGqwSaAbglcNPkli8CAwgJAfiQkjsgwhGM8kaybWEJJTJcmacRlCUf5gGNQAAOnyVNK6iNF2AAAAAElFTkSuQmCC',
  'base64',
);
