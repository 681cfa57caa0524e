/**
 * Binance answers made bad: each is a `customBody` fault's body, given the simulator's own
 * answer and returning the one to send.
 */
type Json = Record<string, unknown>;
export type Reshape = (real: unknown) => unknown;

function omit(item: Json, fields: readonly string[]): Json {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !fields.includes(key)));
}

/** The answer as it was: the control that a refusal comes from the change alone. */
export const unchanged: Reshape = (real) => real;

/** An object answer, or each item of a list answer, without `fields`. */
export function without(...fields: string[]): Reshape {
  return (real) => (Array.isArray(real) ? real.map((item) => omit(item as Json, fields)) : omit(real as Json, fields));
}

/** An object answer, or each item of a list answer, with `field` set to `value`. */
export function withField(field: string, value: unknown): Reshape {
  return (real) => (Array.isArray(real) ? real.map((item) => ({ ...(item as Json), [field]: value })) : { ...(real as Json), [field]: value });
}

/** GET /api/v3/account with every balance changed by `change`. */
export function balances(change: Reshape): Reshape {
  return (real) => ({ ...(real as Json), balances: ((real as Json)['balances'] as Json[]).map((b) => change(b)) });
}

/** GET /api/v3/klines with the row `index` from the end (1 = the newest) changed. */
export function klineRow(fromEnd: number, change: (row: unknown[]) => unknown[]): Reshape {
  return (real) => (real as unknown[][]).map((row, i, rows) => (i === rows.length - fromEnd ? change([...row]) : row));
}

/** Sets a kline row's column (0 open time, 1 open, 2 high, 3 low, 4 close, 5 volume). */
export function column(index: number, value: unknown): (row: unknown[]) => unknown[] {
  return (row) => row.map((v, i) => (i === index ? value : v));
}

/** GET /api/v3/exchangeInfo with the named filters taken off every symbol. */
export function withoutFilters(...filterTypes: string[]): Reshape {
  return (real) => {
    const info = real as Json;
    const symbols = (info['symbols'] as Json[]).map((s) => ({ ...s, filters: (s['filters'] as Json[]).filter((f) => !filterTypes.includes(String(f['filterType']))) }));
    return { ...info, symbols };
  };
}

/** A RESULT answer to POST /api/v3/order for a resting limit buy of 1 LTC at 0.015, as Binance sends it. */
export function orderAnswer(clientOrderId: string, time: number): Json {
  return {
    symbol: 'LTCBTC',
    orderId: 9001,
    orderListId: -1,
    clientOrderId,
    transactTime: time,
    price: '0.01500000',
    origQty: '1.00000000',
    executedQty: '0.00000000',
    origQuoteOrderQty: '0.00000000',
    cummulativeQuoteQty: '0.00000000',
    status: 'NEW',
    timeInForce: 'GTC',
    type: 'LIMIT',
    side: 'BUY',
    workingTime: time,
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}
