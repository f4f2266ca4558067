import { env } from "../env.server";

/** The address users reach Fahrplan under; mails link there (PUBLIC_URL, else the local port). */
export function publicOrigin(): string {
  const config = env();
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}

/** An absolute link for a mail from an app path ("/aufgaben"). */
export function absoluteUrl(path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${publicOrigin()}${path.startsWith("/") ? path : `/${path}`}`;
}

/** Host part for Message-IDs and calendar UIDs. */
export function mailHost(): string {
  return new URL(publicOrigin()).hostname || "fahrplan.local";
}
