import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sign, signatureHeaders, signTestPayload, verify } from './signature.ts';

const SECRET = 'app-secret-123';
const BODY = '{"object":"instagram","entry":[{"id":"1784","time":1700000000,"messaging":[]}]}';

function hmacHex(algorithm: 'sha256' | 'sha1', key: string, data: string | Buffer): string {
  return createHmac(algorithm, key).update(data).digest('hex');
}

describe('sign', () => {
  it('matches the published HMAC vectors (RFC 4231 and RFC 2202, test case 2)', () => {
    expect(sign('what do ya want for nothing?', 'Jefe')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(sign('what do ya want for nothing?', 'Jefe', 'sha1')).toBe(
      'sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
    );
  });

  it('is the HMAC of the bytes, keyed with the app secret, in both header formats', () => {
    expect(sign(BODY, SECRET)).toBe(`sha256=${hmacHex('sha256', SECRET, BODY)}`);
    expect(sign(BODY, SECRET, 'sha1')).toBe(`sha1=${hmacHex('sha1', SECRET, BODY)}`);
  });

  it('signs a string as its UTF-8 bytes', () => {
    const text = '{"text":"Grüße ☕ 😀"}';
    expect(sign(text, SECRET)).toBe(sign(Buffer.from(text, 'utf8'), SECRET));
    expect(sign(new Uint8Array(Buffer.from(text, 'utf8')), SECRET)).toBe(sign(text, SECRET));
  });

  it('gives the headers of a Meta webhook POST', () => {
    expect(signatureHeaders(Buffer.from(BODY), SECRET)).toEqual({
      'x-hub-signature-256': `sha256=${hmacHex('sha256', SECRET, BODY)}`,
      'x-hub-signature': `sha1=${hmacHex('sha1', SECRET, BODY)}`,
    });
  });
});

describe('verify', () => {
  const good = `sha256=${hmacHex('sha256', SECRET, BODY)}`;

  it('accepts the signature of the exact bytes, as a string or a buffer', () => {
    expect(verify(BODY, good, SECRET)).toBe(true);
    expect(verify(Buffer.from(BODY), good, SECRET)).toBe(true);
  });

  it('accepts the legacy sha1 header', () => {
    expect(verify(BODY, `sha1=${hmacHex('sha1', SECRET, BODY)}`, SECRET)).toBe(true);
  });

  it('accepts upper-case hex', () => {
    expect(verify(BODY, `sha256=${hmacHex('sha256', SECRET, BODY).toUpperCase()}`, SECRET)).toBe(true);
  });

  it('rejects a tampered body or another secret', () => {
    expect(verify(BODY.replace('1784', '1785'), good, SECRET)).toBe(false);
    expect(verify(`${BODY} `, good, SECRET)).toBe(false);
    expect(verify(BODY, good, 'another-secret')).toBe(false);
  });

  it('rejects a missing or repeated header', () => {
    expect(verify(BODY, undefined, SECRET)).toBe(false);
    expect(verify(BODY, null, SECRET)).toBe(false);
    expect(verify(BODY, '', SECRET)).toBe(false);
    expect(verify(BODY, [good, good], SECRET)).toBe(false);
  });

  it('rejects malformed headers without throwing', () => {
    const hex = hmacHex('sha256', SECRET, BODY);
    for (const header of [
      hex,
      `sha256:${hex}`,
      `SHA256=${hex}`,
      ` sha256=${hex}`,
      `sha256=${hex} `,
      `md5=${hex}`,
      `sha256=${hex.slice(0, 62)}zz`,
      `sha256=${hex}zz`,
      'sha256=',
      'sha256',
      '=',
    ]) {
      expect(verify(BODY, header, SECRET), header).toBe(false);
    }
  });

  it('rejects a digest of the wrong length', () => {
    const hex = hmacHex('sha256', SECRET, BODY);
    expect(verify(BODY, `sha256=${hex.slice(0, 62)}`, SECRET)).toBe(false);
    expect(verify(BODY, `sha256=${hex}00`, SECRET)).toBe(false);
    expect(verify(BODY, `sha256=${hex.slice(0, 63)}`, SECRET)).toBe(false);
    // A sha256 digest labelled sha1, and the other way round.
    expect(verify(BODY, `sha1=${hex}`, SECRET)).toBe(false);
    expect(verify(BODY, `sha256=${hmacHex('sha1', SECRET, BODY)}`, SECRET)).toBe(false);
  });
});

describe('signTestPayload', () => {
  it('signs a value written as Meta writes JSON, and verify accepts it', () => {
    const payload = { object: 'page', entry: [{ id: '42', messaging: [{ message: { text: 'é/ü' } }] }] };
    const { body, headers } = signTestPayload(payload, SECRET);
    expect(body).toBe(
      '{"object":"page","entry":[{"id":"42","messaging":[{"message":{"text":"\\u00e9\\/\\u00fc"}}]}]}',
    );
    expect(JSON.parse(body)).toEqual(payload);
    expect(headers['content-type']).toBe('application/json');
    expect(verify(body, headers['x-hub-signature-256'], SECRET)).toBe(true);
    expect(verify(Buffer.from(body), headers['x-hub-signature'], SECRET)).toBe(true);
    expect(verify(JSON.stringify(payload), headers['x-hub-signature-256'], SECRET)).toBe(false);
  });

  it('sends a string payload as it is', () => {
    const { body, headers } = signTestPayload(BODY, SECRET);
    expect(body).toBe(BODY);
    expect(headers).toEqual({ 'content-type': 'application/json', ...signatureHeaders(BODY, SECRET) });
    expect(verify(body, headers['x-hub-signature-256'], 'wrong')).toBe(false);
  });

  it('refuses a payload with no JSON form', () => {
    expect(() => signTestPayload(undefined, SECRET)).toThrow(TypeError);
  });
});
