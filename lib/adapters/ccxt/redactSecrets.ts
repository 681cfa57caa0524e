/**
 * Scrubs credentials out of a message before it is logged or stored: ccxt puts request URLs,
 * signed query strings included, into its error messages.
 */
export function redactSecrets(message: string, secrets: readonly string[]): string {
  let clean = message.replace(/signature=[0-9a-zA-Z%+/=_-]+/g, 'signature=[redacted]');
  for (const secret of secrets) {
    if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  }
  return clean;
}
