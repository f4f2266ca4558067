import type { LoaderFunctionArgs } from "@remix-run/node";
import { personalFeed } from "~/areas/trainings/calendar.server";
import { orNotFound } from "~/utils/http.server";

/**
 * Personal calendar feed: calendar apps fetch it without a session, so the secret token in the
 * URL is the only key. A regenerated token invalidates the old address.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = orNotFound(personalFeed(params.token ?? "", new URL(request.url).origin));
  return new Response(feed, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" },
  });
}
