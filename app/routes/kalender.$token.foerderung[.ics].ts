import type { LoaderFunctionArgs } from "@remix-run/node";
import { fundingFeed } from "~/areas/funding/calendar-feed.server";
import { orNotFound } from "~/utils/http.server";

/** Funding deadlines feed for calendar apps; the secret token in the URL is the only key. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = orNotFound(fundingFeed(params.token ?? "", new URL(request.url).origin));
  return new Response(feed, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" },
  });
}
