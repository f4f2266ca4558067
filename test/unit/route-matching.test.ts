import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The server uses @remix-run/router's CommonJS build, which patches/ changes to cache compiled
// route patterns (docs/areas/foundation.md, „Skalierungsdaten“). Matching must stay exactly as before.
const router = createRequire(import.meta.url)("@remix-run/router") as typeof import("@remix-run/router");

describe("route matching with cached route patterns", () => {
  it("is the patched build (npm ci applies patches/ in postinstall)", () => {
    const file = createRequire(import.meta.url).resolve("@remix-run/router");
    expect(file).toMatch(/router\.cjs\.js$/);
    expect(fs.readFileSync(file, "utf8")).toContain("const compiledPaths = new Map();");
  });

  it("gives each pathname its own params when the same pattern matches again", () => {
    const first = router.matchPath("/projekte/:projectId/meilensteine", "/projekte/12/meilensteine");
    const second = router.matchPath("/projekte/:projectId/meilensteine", "/projekte/7/meilensteine");
    expect(first?.params).toEqual({ projectId: "12" });
    expect(second?.params).toEqual({ projectId: "7" });
    expect(router.matchPath("/projekte/:projectId/meilensteine", "/projekte/7")).toBeNull();
  });

  it("keeps case-insensitive, prefix and splat matching apart for the same path", () => {
    expect(router.matchPath({ path: "/Projekte", caseSensitive: true, end: true }, "/projekte")).toBeNull();
    expect(router.matchPath({ path: "/Projekte", caseSensitive: false, end: true }, "/projekte")).not.toBeNull();
    expect(router.matchPath({ path: "/projekte", end: false }, "/projekte/3")?.pathnameBase).toBe("/projekte");
    expect(router.matchPath({ path: "/projekte", end: true }, "/projekte/3")).toBeNull();
    expect(router.matchPath("/dateien/*", "/dateien/a/b.pdf")?.params["*"]).toBe("a/b.pdf");
  });

  it("matches the app's routes as before: the most specific route wins", () => {
    const routes = [
      { id: "root", path: "/", children: [
        { id: "list", index: true },
        { id: "new", path: "projekte/neu" },
        { id: "detail", path: "projekte/:projectId" },
      ] },
    ];
    const ids = (path: string) => router.matchRoutes(routes, path)?.map((m) => m.route.id);
    expect(ids("/projekte/neu")).toEqual(["root", "new"]);
    expect(ids("/projekte/42")).toEqual(["root", "detail"]);
    expect(ids("/")).toEqual(["root", "list"]);
    expect(ids("/projekte/42")).toEqual(["root", "detail"]);
  });
});
