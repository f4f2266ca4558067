import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What every log line of one request carries: its id (X-Request-Id) and, once the session is
 * read, the signed-in user's id. Nothing else about the person is logged.
 */
export interface RequestContext {
  requestId: string;
  userId?: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Called where the session is resolved, so later log lines of the request name the user id. */
export function noteRequestUser(userId: number): void {
  const context = storage.getStore();
  if (context) context.userId = userId;
}
