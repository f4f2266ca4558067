import { describe, expect, it } from "vitest";
import { type AuditFields, GENESIS_HASH, auditHash, verifyChain } from "~/utils/audit";

function chain(n: number) {
  const rows: (AuditFields & { id: number; prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields: AuditFields = {
      at: `2026-11-2${i}T10:00:00.000Z`,
      municipalityId: 1,
      userId: 2,
      actorLabel: "cdo@musterstadt.example",
      entity: "project",
      entityId: String(i),
      action: "update",
      // Entries written before the one shape keep verifying: the chain hashes the stored text.
      changes: JSON.stringify(i % 2 ? { title: ["A", `B${i}`] } : { v: 2, changes: { title: { from: "A", to: `B${i}` } } }),
    };
    const hash = auditHash(prev, fields);
    rows.push({ ...fields, id: i, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("audit hash chain", () => {
  it("accepts an intact chain", () => {
    expect(verifyChain(chain(5), 5)).toEqual({ checked: 5, problems: [] });
  });

  it("detects an altered entry", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], changes: JSON.stringify({ title: ["A", "manipuliert"] }) };
    const result = verifyChain(rows, 5);
    expect(result.problems).toContainEqual({ id: 3, problem: "content altered (hash mismatch)" });
  });

  it("detects a deleted entry in the middle and at the end", () => {
    const rows = chain(5);
    const middle = verifyChain([...rows.slice(0, 2), ...rows.slice(3)], 5);
    expect(middle.problems.map((p) => p.id)).toContain(4);
    const end = verifyChain(rows.slice(0, 4), 5);
    expect(end.problems).toEqual([{ id: 5, problem: "entries 5..5 are missing" }]);
  });
});
