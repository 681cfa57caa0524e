/**
 * Where a venue's own order answer states the filled quantity, for the venues whose ccxt parser
 * reads a missing one as 0: Binance's is `safeString2(order, 'executedQty', 'filledQty', '0')`,
 * so an open order answered without it would read as untouched when it may be half filled.
 * The other venues ccxt is allowed here leave a missing quantity undefined, which
 * checkOrderAnswer already refuses.
 */
const FILLED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  binance: ['executedQty', 'filledQty'],
  binanceus: ['executedQty', 'filledQty'],
};

/** The field names the venue's raw answer (`info`) should have held, when it holds none of them; else undefined. */
export function missingVenueFilledQuantity(venue: string, info: unknown): readonly string[] | undefined {
  const fields = FILLED_FIELDS[venue];
  if (fields === undefined || info === null || typeof info !== 'object') return undefined;
  const raw = info as Record<string, unknown>;
  return fields.some((field) => raw[field] !== undefined && raw[field] !== null && raw[field] !== '') ? undefined : fields;
}
