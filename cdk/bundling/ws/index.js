// Stands in for ws: ccxt's WsClient imports it at the top of its module, but the bot uses
// REST only, so a function never opens a websocket. Any use says so instead of failing oddly.
const unavailable = () => {
  throw new Error('ws is not bundled: the bot uses ccxt over REST only');
};
export default unavailable;
export const createWebSocketStream = unavailable;
