import type { ServerBuild } from "@remix-run/node";
import { type AgnosticRouteObject, matchRoutes } from "@remix-run/router";

type BuildRoutes = ServerBuild["routes"];

function tree(routes: BuildRoutes, parentId: string | undefined): AgnosticRouteObject[] {
  return Object.values(routes)
    .filter((route) => route?.parentId === parentId)
    .map((route) =>
      route!.index
        ? { id: route!.id, path: route!.path, index: true, caseSensitive: route!.caseSensitive }
        : { id: route!.id, path: route!.path, caseSensitive: route!.caseSensitive, children: tree(routes, route!.id) },
    );
}

/**
 * The route pattern a pathname belongs to ("/projekte/:projectId"), for metrics labels and the
 * access log: bounded in number, and free of ids, calendar tokens and certificate codes that a
 * URL carries. Built assets count as "/build/*"; what no route matches as "(ohne Route)".
 */
export function createRoutePatternMatcher(routes: BuildRoutes): (pathname: string) => string {
  const routeTree = tree(routes, undefined);
  return (pathname) => {
    if (pathname.startsWith("/build/")) return "/build/*";
    const matches = matchRoutes(routeTree, pathname);
    if (!matches?.length) return "(ohne Route)";
    const joined = matches
      .map((m) => m.route.path ?? "")
      .filter(Boolean)
      .join("/");
    return `/${joined}`.replace(/\/{2,}/g, "/");
  };
}
