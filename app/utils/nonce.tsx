import { createContext, useContext } from "react";

/**
 * The request's CSP nonce for the server render. In the browser it is empty: browsers hide a
 * rendered nonce from scripts, and scripts added after hydration are trusted through 'strict-dynamic'.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
