// Stands in for undici (≈0.5 MB bundled): ccxt imports it lazily inside a try/catch and,
// when the import fails, uses Node's global fetch (the same undici engine, default pooling).
throw new Error('undici is not bundled: ccxt uses the global fetch');
