/**
 * Writes a whole number below 2^48 as six big-endian bytes, byte by byte: Buffer's `writeUIntBE` and its
 * checks cost more than the encryption of the blocks ids and cursors are written into.
 */
export function writeUint48(into: Uint8Array, at: number, value: number): void {
  const high = Math.floor(value / 2 ** 32);
  const low = value >>> 0;
  into[at] = high >>> 8;
  into[at + 1] = high;
  into[at + 2] = low >>> 24;
  into[at + 3] = low >>> 16;
  into[at + 4] = low >>> 8;
  into[at + 5] = low;
}
