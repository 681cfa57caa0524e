// Stands in for thread-stream (pino's worker-thread transports): pino requires it at the top
// of its transport module, but the functions log to stdout and never create a transport.
module.exports = class ThreadStream {
  constructor() {
    throw new Error('thread-stream is not bundled: the functions log to stdout, without pino transports');
  }
};
