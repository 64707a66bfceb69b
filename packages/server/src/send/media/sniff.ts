/** What a file is, from its first bytes (never from the URL or a Content-Type header, which can lie). */

export interface Sniffed {
  readonly format: string;
  readonly mime: string;
}

const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString('latin1');

/** ISO base media files (mp4, m4a, mov) by their `ftyp` brand. */
function isoMedia(bytes: Buffer): Sniffed | undefined {
  if (ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const brand = ascii(bytes, 8, 12);
  if (brand === 'M4A ' || brand === 'M4B ') return { format: 'm4a', mime: 'audio/mp4' };
  if (brand === 'qt  ') return { format: 'mov', mime: 'video/quicktime' };
  return { format: 'mp4', mime: 'video/mp4' };
}

export function sniff(bytes: Buffer): Sniffed | undefined {
  if (bytes.length < 4) return undefined;
  if (bytes[0] === 0x89 && ascii(bytes, 1, 4) === 'PNG') return { format: 'png', mime: 'image/png' };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { format: 'jpeg', mime: 'image/jpeg' };
  if (ascii(bytes, 0, 4) === 'GIF8') return { format: 'gif', mime: 'image/gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { format: 'webp', mime: 'image/webp' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE')
    return { format: 'wav', mime: 'audio/wav' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'AVI ')
    return { format: 'avi', mime: 'video/x-msvideo' };
  if (ascii(bytes, 0, 5) === '%PDF-') return { format: 'pdf', mime: 'application/pdf' };
  if (ascii(bytes, 0, 4) === 'OggS') return { format: 'ogg', mime: 'video/ogg' };
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return { format: 'webm', mime: 'video/webm' };
  if (bytes[0] === 0xff && (bytes[1]! & 0xf6) === 0xf0) return { format: 'aac', mime: 'audio/aac' };
  return isoMedia(bytes);
}
