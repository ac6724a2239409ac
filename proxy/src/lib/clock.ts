// The proxy's clock: whole seconds since the epoch, as tokens, signatures and records use.

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
