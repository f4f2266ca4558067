import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BoundedCache } from "~/utils/bounded-cache";

describe("BoundedCache", () => {
  it("never holds more than its bound and drops the least recently used entry", () => {
    const cache = new BoundedCache<string, number>(3);
    for (let i = 0; i < 1000; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
    expect(cache.get("k996")).toBeUndefined();
    expect(cache.get("k997")).toBe(997);
    // k997 was just read: the next insert drops k998, the oldest unused one.
    cache.set("neu", 1);
    expect(cache.get("k998")).toBeUndefined();
    expect(cache.get("k997")).toBe(997);
    expect(cache.get("k999")).toBe(999);
    expect(cache.size).toBe(3);
  });

  it("replaces an existing key without growing and forgets deleted ones", () => {
    const cache = new BoundedCache<string, string>(2);
    cache.set("a", "1");
    cache.set("a", "2");
    expect(cache.size).toBe(1);
    expect(cache.get("a")).toBe("2");
    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("refuses a bound that is not a positive integer", () => {
    expect(() => new BoundedCache(0)).toThrow(/positive bound/);
    expect(() => new BoundedCache(Number.POSITIVE_INFINITY)).toThrow(/positive bound/);
  });
});

/**
 * Module-level state lives as long as the worker. Every module-level Map or Set in app/ is either a
 * BoundedCache or listed here with the reason it cannot grow with data or requests.
 */
const NOT_CACHES: Record<string, string> = {
  "app/areas/funding/overview.server.ts SUBMITTED_OR_LATER": "constant list of states",
  "app/areas/funding/overview.server.ts ACTIVE_COMMITMENT_EXCLUDED": "constant list of states",
  "app/areas/funding/receipt-row.ts categoryByLabel": "built once from the fixed cost categories",
  "app/workflow/registry.server.ts subjects": "registrations from code at start-up",
  "app/workflow/registry.server.ts taskSources": "registrations from code at start-up",
  "app/workflow/registry.server.ts guards": "registrations from code at start-up",
  "app/workflow/registry.server.ts effects": "registrations from code at start-up",
  "app/reports/worker.server.ts pending": "jobs in flight, removed when done, failed or the worker exits",
  "app/utils/observability.server.ts waiting": "metric requests in flight, removed on the answer or after 6 s",
  "app/utils/request-guard.server.ts SAFE_METHODS": "constant",
  "app/utils/request-guard.server.ts FORM_TYPES": "constant",
  "app/utils/url.ts WEB_PROTOCOLS": "constant",
  "app/reports/data/council.server.ts NOT_PENDING": "constant list of states",
  "app/workflow/editor-form.ts LISTS": "constant list of editor sections",
  "app/areas/efa/catalogue.ts themenfeldByKey": "built once from the fixed list of OZG Themenfelder",
  "app/areas/efa/catalogue.ts landByKey": "built once from the fixed list of Länder",
  "app/areas/rollin/template-form.ts LIST_FIELDS": "constant list of form fields",
  "app/utils/audit-changes.ts INTERNAL_FIELDS": "constant",
  "app/utils/audit-changes.ts LIST_FIELDS": "constant",
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("module-level caches", () => {
  it("are bounded: every module-level Map or Set is a BoundedCache or an explained exception", () => {
    const found: string[] = [];
    for (const file of sourceFiles("app")) {
      for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        // Module level = not indented. WeakMaps are keyed by live objects and shrink with them.
        const m = /^(?:export )?(?:const|let|var) (\w+)\b[^=]*= new (Map|Set)\b/.exec(line);
        if (m) found.push(`${file.split(path.sep).join("/")} ${m[1]}`);
      }
    }
    const unexplained = found.filter((key) => !(key in NOT_CACHES));
    expect(unexplained).toEqual([]);
    // The list stays honest: an exception whose declaration is gone is removed from it.
    expect(Object.keys(NOT_CACHES).filter((key) => !found.includes(key))).toEqual([]);
    expect(found.length).toBeGreaterThan(5);
  });
});
