/**
 * A rejection the simulated venue answers with: Binance's HTTP status and JSON body
 * `{"code":-2010,"msg":"..."}`. The messages are the venue's own words, because ccxt maps
 * some errors by message (insufficient balance) and some by code.
 */
export class VenueError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly msg: string,
    /** Sent as Retry-After, as the venue does with a 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code} ${msg}`);
    this.name = 'VenueError';
  }

  body(): { code: number; msg: string } {
    return { code: this.code, msg: this.msg };
  }
}

/**
 * The patterns the venue's -1100 quotes. A client order id's is spot's, which a Binance maintainer
 * quoted (binance/binance-spot-api-docs#34: a dot is refused); the futures API allows more.
 */
export const LEGAL_RANGE = {
  decimal: '^([0-9]{1,20})(\\.[0-9]{1,20})?$',
  long: '^[0-9]{1,20}$',
  clientOrderId: '^[a-zA-Z0-9-_]{1,36}$',
} as const;

/** The venue's rejections the simulator can give, by what went wrong. */
export const venueErrors = {
  apiKeyFormatInvalid: () => new VenueError(401, -2014, 'API-key format invalid.'),
  invalidApiKey: () => new VenueError(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
  invalidSignature: () => new VenueError(400, -1022, 'Signature for this request is not valid.'),
  mandatoryParam: (name: string) => new VenueError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`),
  /** -1100 names the pattern the parameter must match: a DECIMAL's unless told (LEGAL_RANGE). */
  illegalParam: (name: string, legalRange: string = LEGAL_RANGE.decimal) => new VenueError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '${legalRange}'.`),
  invalidSymbol: () => new VenueError(400, -1121, 'Invalid symbol.'),
  invalidInterval: () => new VenueError(400, -1120, 'Invalid interval.'),
  invalidOrderType: () => new VenueError(400, -1116, 'Invalid orderType.'),
  invalidSide: () => new VenueError(400, -1117, 'Invalid side.'),
  invalidTimeInForce: () => new VenueError(400, -1115, 'Invalid timeInForce.'),
  /** errors.md -1101 TOO_MANY_PARAMETERS. */
  duplicateParam: () => new VenueError(400, -1101, 'Duplicate values for a parameter detected.'),
  /** errors.md -1104 UNREAD_PARAMETERS: a parameter the endpoint does not read. */
  unreadParams: (read: number, sent: number) => new VenueError(400, -1104, `Not all sent parameters were read; read '${read}' parameter(s) but was sent '${sent}'.`),
  /** A parameter the venue documents but the simulator does not model: refused, never ignored. */
  paramNotImplemented: (name: string) => new VenueError(400, -1, `The exchange simulator does not implement parameter '${name}'.`),
  /** errors.md, -2010 messages: a feature the symbol's exchangeInfo does not allow. */
  notSupportedForSymbol: (msg: 'Iceberg orders are not supported for this symbol.' | 'Trailing stop orders are not supported for this symbol.' | 'Pegged orders are not supported for this symbol.') =>
    new VenueError(400, -2010, msg),
  paramNotRequired: (name: string) => new VenueError(400, -1106, `Parameter '${name}' sent when not required.`),
  filterFailure: (filter: 'PRICE_FILTER' | 'PERCENT_PRICE_BY_SIDE' | 'LOT_SIZE' | 'MARKET_LOT_SIZE' | 'NOTIONAL' | 'MAX_NUM_ORDERS' | 'MAX_NUM_ALGO_ORDERS') =>
    new VenueError(400, -1013, `Filter failure: ${filter}`),
  tooMuchPrecision: (name: string) => new VenueError(400, -1111, `Parameter '${name}' has too much precision.`),
  wouldTakeAsMaker: () => new VenueError(400, -2010, 'Order would immediately match and take.'),
  timestampAhead: () => new VenueError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  timestampOutsideWindow: () => new VenueError(400, -1021, 'Timestamp for this request is outside of the recvWindow.'),
  combinationInvalid: () => new VenueError(400, -1128, 'Combination of optional parameters invalid.'),
  /** GET /api/v3/myTrades (rest-api.md): "The time between startTime and endTime can't be longer than 24 hours." */
  tradeWindowTooLong: () => new VenueError(400, -1127, 'More than 24 hours between startTime and endTime.'),
  recvWindowTooLarge: () => new VenueError(400, -1131, 'recvWindow must be less than 60000'),
  duplicateOrder: () => new VenueError(400, -2010, 'Duplicate order sent.'),
  insufficientBalance: () => new VenueError(400, -2010, 'Account has insufficient balance for requested action.'),
  stopWouldTrigger: () => new VenueError(400, -2010, 'Stop price would trigger immediately.'),
  noPrice: () => new VenueError(400, -2010, 'Market is closed.'),
  orderDoesNotExist: () => new VenueError(400, -2013, 'Order does not exist.'),
  unknownOrder: () => new VenueError(400, -2011, 'Unknown order sent.'),
  notImplemented: (route: string) => new VenueError(404, -1, `The exchange simulator does not implement ${route}.`),
} as const;
