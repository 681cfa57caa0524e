import type { CcxtExchangeConfigInput } from '../../adapters/ccxt/CcxtExchangeConfig.js';
import type { ExchangeSettings } from '../../domain/botConfig.js';

/** The bot configuration's `exchange` section as the ccxt gateway's settings; what it leaves out takes the gateway's defaults. */
export function ccxtGatewaySettings(exchange: ExchangeSettings): CcxtExchangeConfigInput {
  return {
    exchangeId: exchange.id,
    sandbox: exchange.sandbox,
    ...(exchange.retry !== undefined ? { retry: exchange.retry } : {}),
    ...(exchange.pause !== undefined ? { pause: exchange.pause } : {}),
  };
}
