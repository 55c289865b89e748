/** A `fetch` with the global one's signature: what adapters take to send requests (proxies, tests). */
export type FetchFunction = typeof globalThis.fetch;
