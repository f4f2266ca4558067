import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The browser build gets every module a route file imports, except `*.server.ts` ones (the
 * compiler swaps those for empty modules). Packages written for Node only throw there at run time
 * ("Buffer is not defined" on /projekte/import), so no route may reach them through a shared
 * module. The walk follows static imports, so it errs on the safe side.
 */
const NODE_ONLY = [/^csv-parse/, /^csv-stringify/, /^node:/, /^pdfkit/, /^better-sqlite3/, /^busboy/];
const APP = resolve(__dirname, "../../app");

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("~/") ? join(APP, spec.slice(2)) : resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const specs: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)) specs.push(m[1]);
  return specs;
}

function nodeOnlyReach(route: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const walk = (file: string, path: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith(".") || spec.startsWith("~/")) {
        const target = resolveImport(file, spec);
        if (target && !/\.server\.tsx?$/.test(target)) walk(target, [...path, target.slice(APP.length + 1)]);
      } else if (NODE_ONLY.some((p) => p.test(spec))) {
        found.push(`${[...path, spec].join(" → ")}`);
      }
    }
  };
  walk(route, [route.slice(APP.length + 1)]);
  return found;
}

describe("browser bundle", () => {
  const routes = readdirSync(join(APP, "routes")).filter((f) => /\.tsx?$/.test(f) && !/\.server\./.test(f));

  it("finds the route files", () => {
    expect(routes.length).toBeGreaterThan(40);
  });

  it("reaches no Node-only package from any route", () => {
    const offending = routes.flatMap((r) => nodeOnlyReach(join(APP, "routes", r)));
    expect(offending).toEqual([]);
  });
});

describe("server exports built by a call", () => {
  // The browser build drops `action`/`loader` by tree-shaking; a call at module level stays unless it
  // is marked pure, and then runs in the browser against the empty `.server` module (no hydration).
  it("marks every `export const action|loader = helper(…)` as pure", () => {
    const offenders: string[] = [];
    for (const file of readdirSync(join(APP, "routes"))) {
      const source = readFileSync(join(APP, "routes", file), "utf8");
      for (const m of source.matchAll(/^export const (action|loader) = (?!\/\* @__PURE__ \*\/)(?!async\b)(?!\()[\w.]+\(/gm)) offenders.push(`${file}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });
});
