import type { CcxtExchangeConfig } from './CcxtExchangeConfig.js';
import { type CcxtExchangeInstance, loadExchangeClass } from './loadExchangeClass.js';

export interface ExchangeCredentials {
  readonly apiKey: string;
  readonly secret: string;
  readonly password?: string;
}

/** Every string of the credentials, for scrubbing out of messages. */
export function credentialStrings(credentials: ExchangeCredentials | undefined): string[] {
  return credentials ? [credentials.apiKey, credentials.secret, ...(credentials.password ? [credentials.password] : [])] : [];
}

/** Builds the configured venue's ccxt client: its class alone, rate limited, on the testnet when asked. */
export async function createCcxtClient(config: CcxtExchangeConfig, credentials: ExchangeCredentials | undefined): Promise<CcxtExchangeInstance> {
  const ExchangeClass = await loadExchangeClass(config.exchangeId);
  const client = new ExchangeClass({
    enableRateLimit: true,
    timeout: config.requestTimeoutMs,
    // Reconciliation lists every open order; Binance's ccxt refuses that unless told it is meant.
    options: { warnOnFetchOpenOrdersWithoutSymbol: false },
    ...(credentials !== undefined ? { apiKey: credentials.apiKey, secret: credentials.secret } : {}),
    ...(credentials?.password !== undefined ? { password: credentials.password } : {}),
  });
  if (config.sandbox) client.setSandboxMode(true);
  return client;
}
