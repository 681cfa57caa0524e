// Stands in for protobufjs, which is not installed: ccxt imports it only in code for mexc
// and dydx, loaded lazily, and a bundle for another venue never runs that code. An
// external import would instead be hoisted to the top of the ESM bundle and fail at load.
const unavailable = new Proxy(
  {},
  {
    get(_target, key) {
      if (typeof key === 'symbol' || key === 'then' || key === '__esModule') return undefined;
      throw new Error(`protobufjs is not bundled (ccxt needs it only for mexc and dydx); tried to use ${key}`);
    },
  },
);
export default unavailable;
