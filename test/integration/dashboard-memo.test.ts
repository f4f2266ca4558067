import { describe, expect, it } from "vitest";
import { type MemoSection, memoScope } from "~/areas/dashboard/memo.server";
import { getSqlite } from "~/utils/db.server";

const tenant = { municipalityId: 1 };
const write = () => getSqlite().prepare("UPDATE municipalities SET name = name WHERE id = 1").run();

describe("dashboard section memo", () => {
  it("computes a section once until something is written", async () => {
    let calls = 0;
    const compute = () => ++calls;
    // a new scope per call: the memo outlives the scope
    const memoSection: MemoSection = (...args) => memoScope()(...args);
    expect(await memoSection(tenant, "memo-test-a", "2026-12-03", compute)).toBe(1);
    expect(await memoSection(tenant, "memo-test-a", "2026-12-03", compute)).toBe(1);
    // another day or Kommune is another section
    expect(await memoSection(tenant, "memo-test-a", "2026-12-04", compute)).toBe(2);
    expect(await memoSection({ municipalityId: 2 }, "memo-test-a", "2026-12-03", compute)).toBe(3);
    write();
    expect(await memoSection(tenant, "memo-test-a", "2026-12-03", compute)).toBe(4);
  });

  it("checks all sections of a scope against the stamp taken at its start", async () => {
    let calls = 0;
    const compute = () => ++calls;
    const first = memoScope();
    expect(await first(tenant, "memo-test-b", "2026-12-03", compute)).toBe(1);
    expect(await first(tenant, "memo-test-b", "2026-12-03", compute)).toBe(1);
    write();
    // the open scope still answers with the state at its start …
    expect(await first(tenant, "memo-test-b", "2026-12-03", compute)).toBe(1);
    // … a new one sees the write and recomputes
    const second = memoScope();
    expect(await second(tenant, "memo-test-b", "2026-12-03", compute)).toBe(2);
    expect(await second(tenant, "memo-test-b", "2026-12-03", compute)).toBe(2);
  });

  it("does not remember a section computed after a write inside its scope", async () => {
    let calls = 0;
    const scope = memoScope();
    write();
    expect(await scope(tenant, "memo-test-c", "2026-12-03", () => ++calls)).toBe(1);
    expect(await scope(tenant, "memo-test-c", "2026-12-03", () => ++calls)).toBe(2);
    const fresh = memoScope();
    expect(await fresh(tenant, "memo-test-c", "2026-12-03", () => ++calls)).toBe(3);
    expect(await fresh(tenant, "memo-test-c", "2026-12-03", () => ++calls)).toBe(3);
  });
});
