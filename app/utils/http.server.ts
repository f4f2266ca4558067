import { json } from "@remix-run/node";

/** 404 for anything outside the caller's Kommune as well as for what does not exist. */
export function notFound(message = "Die angeforderte Seite wurde nicht gefunden."): never {
  throw json({ message }, { status: 404, statusText: "Not Found" });
}

export function forbidden(message = "Für diese Aktion fehlt Ihnen die Berechtigung."): never {
  throw json({ message }, { status: 403, statusText: "Forbidden" });
}

export function badRequest(message = "Die Anfrage ist ungültig."): never {
  throw json({ message }, { status: 400, statusText: "Bad Request" });
}

/** Returns the value or throws 404; for records looked up through a tenant-scoped query. */
export function orNotFound<T>(value: T | undefined | null, message?: string): T {
  if (value === undefined || value === null) notFound(message);
  return value;
}

/** Parses a positive integer route parameter or answers 404. */
export function idParam(value: string | undefined): number {
  const n = Number(value);
  if (!value || !Number.isSafeInteger(n) || n <= 0) notFound();
  return n;
}
