/** Shorter strings are not scrubbed: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;
const SIGNATURE = /signature=[0-9a-zA-Z%+/=_-]+/g;
const neverLogged = new Set<string>();

/**
 * Scrubs credentials out of a message before it is logged or stored: ccxt puts request URLs,
 * signed query strings included, into its error messages.
 */
export function redactSecrets(message: string, secrets: Iterable<string>): string {
  let clean = message.replace(SIGNATURE, 'signature=[redacted]');
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) clean = clean.split(secret).join('[redacted]');
  }
  return clean;
}

/** Registers credentials that no log line of this process may hold (see scrubLogLine). */
export function neverLog(secrets: readonly string[]): void {
  for (const secret of secrets) if (secret.length >= MIN_SECRET_LENGTH) neverLogged.add(secret);
}

/**
 * A serialized log line with every registered credential and any request signature scrubbed:
 * the last guard, for what no field redaction can see (an error's message or stack, an object
 * nested deeper than the redacted paths).
 */
export function scrubLogLine(line: string): string {
  return redactSecrets(line, neverLogged);
}
