/** What the HTTP server passes to every loader and action. */
export interface FahrplanLoadContext {
  clientAddress?: string;
}

export function clientAddress(context: unknown): string {
  return (context as FahrplanLoadContext | undefined)?.clientAddress ?? "unknown";
}
