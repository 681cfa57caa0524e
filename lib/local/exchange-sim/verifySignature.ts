import { createHmac, timingSafeEqual } from 'node:crypto';
import { venueErrors } from './errors.js';

const API_KEY_FORMAT = /^[A-Za-z0-9]{1,128}$/;
const SIGNATURE_PARAM = /(^|&)signature=([^&]*)/;

/**
 * A signed endpoint's checks, as the venue makes them: the X-MBX-APIKEY header must hold
 * a well-formed key (-2014) that is ours (-2015), and `signature` must be the hex
 * HMAC-SHA256, keyed by the secret, of the query string followed by the body without the
 * signature itself (-1022). `timestamp` must be sent; the Router compares it with the wall
 * clock, as the venue does, not with the replayed market's clock.
 */
export function verifySignature(auth: { apiKey: string; secret: string }, request: { apiKeyHeader: string | undefined; query: string; body: string }): void {
  const key = request.apiKeyHeader;
  if (key === undefined || !API_KEY_FORMAT.test(key)) throw venueErrors.apiKeyFormatInvalid();
  if (key !== auth.apiKey) throw venueErrors.invalidApiKey();
  const total = request.query + request.body;
  const match = SIGNATURE_PARAM.exec(total);
  const signature = match?.[2];
  if (!match || !signature) throw venueErrors.mandatoryParam('signature');
  const signed = total.slice(0, match.index) + total.slice(match.index + match[0].length);
  const payload = signed.startsWith('&') ? signed.slice(1) : signed;
  const expected = createHmac('sha256', auth.secret).update(payload).digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw venueErrors.invalidSignature();
  if (!/(^|&)timestamp=\d+(&|$)/.test(payload)) throw venueErrors.mandatoryParam('timestamp');
}
