import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { workflowHistory } from "../../db/schema";
import { getDb, transaction } from "~/utils/db.server";
import { ConflictError } from "~/utils/errors";
import { TransitionRefusedError, type WorkflowCaller, fireTransition, getWorkflow, startWorkflow } from "~/workflow/index.server";
import { replayHistory } from "~/workflow/replay";
import { TEST_DEFINITION, TEST_SUBJECT, callerFor, deployTestDefinition, municipalityId, putItem } from "../support/workflow-fixtures";

const EMAILS = [
  "cdo@musterstadt.example",
  "kaemmerei@musterstadt.example",
  "mitarbeiter@musterstadt.example",
  "projektleitung@musterstadt.example",
  "admin@fahrplan.example",
] as const;
const TRANSITIONS = TEST_DEFINITION.transitions.map((t) => t.name);
const AMOUNTS = [0, 5_000_000, 10_000_000, 10_000_001, 25_000_000];
const LIMIT = 10_000_000;

let callers: WorkflowCaller[];
let musterstadt: number;
let nextId = 5000;

beforeAll(() => {
  callers = EMAILS.map((e) => callerFor(e));
  musterstadt = municipalityId("Musterstadt");
  deployTestDefinition(callers[0]);
});

function newInstance(amountCents: number) {
  const id = nextId++;
  putItem(musterstadt, id, { amountCents });
  const instance = transaction((tx) => startWorkflow(tx, callers[0], { definitionKey: "testProcess", subjectType: TEST_SUBJECT, subjectId: id }));
  return { id, instanceId: instance.id };
}

function history(instanceId: number) {
  return getDb().select().from(workflowHistory).where(eq(workflowHistory.instanceId, instanceId)).orderBy(workflowHistory.id).all();
}

const command = fc.record({
  actor: fc.integer({ min: 0, max: EMAILS.length - 1 }),
  transition: fc.constantFrom(...TRANSITIONS),
  stale: fc.boolean(),
  comment: fc.constantFrom(undefined, "", "Begründung"),
  amount: fc.constantFrom(...AMOUNTS),
});

describe("workflow invariants (property-based)", () => {
  it("replaying the history always yields the current state, and no state is reached without its guards", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 12 }), (commands) => {
        const { id, instanceId } = newInstance(0);
        for (const c of commands) {
          putItem(musterstadt, id, { amountCents: c.amount });
          const before = getWorkflow(getDb(), callers[0], TEST_SUBJECT, id)!;
          const caller = callers[c.actor];
          const expectedVersion = c.stale ? before.version - 1 : before.version;
          let ok = false;
          try {
            transaction((tx) => fireTransition(tx, caller, { instanceId, transition: c.transition, expectedVersion, comment: c.comment }));
            ok = true;
          } catch (e) {
            if (!(e instanceof TransitionRefusedError || e instanceof ConflictError)) throw e;
          }
          const after = getWorkflow(getDb(), callers[0], TEST_SUBJECT, id)!;
          const rows = history(instanceId);
          expect(replayHistory(rows)).toEqual({ state: after.state, version: after.version });
          if (!ok) {
            expect(after).toMatchObject({ state: before.state, version: before.version });
            continue;
          }
          // Independent model of the rules: a successful call must have met every one of them.
          const t = TEST_DEFINITION.transitions.find((x) => x.name === c.transition)!;
          expect(c.stale).toBe(false);
          expect(t.from).toContain(before.state);
          expect(t.roles).toContain(caller.role);
          expect(after.state).toBe(t.to);
          if (t.requiresComment) expect(c.comment?.trim()).toBeTruthy();
          if (t.name === "approve") {
            expect(c.amount).toBeLessThanOrEqual(LIMIT);
            const submittedBy = [...rows].reverse().find((r) => r.transition === "submit")!;
            expect(submittedBy.actorUserId).not.toBe(caller.actor.userId);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("of two transitions fired on the same version exactly one goes through", () => {
    const move = fc.constantFrom(
      { who: "kaemmerei", transition: "approve" },
      { who: "kaemmerei", transition: "rework" },
      { who: "cdo", transition: "reject" },
      { who: "cdo", transition: "rework" },
    );
    const pairs = fc.record({ first: move, second: move });
    fc.assert(
      fc.property(pairs, ({ first, second }) => {
        const { id, instanceId } = newInstance(1_000);
        transaction((tx) => fireTransition(tx, callers[0], { instanceId, transition: "submit", expectedVersion: 1 }));
        // Both users loaded the page at version 2 and submit "at the same time".
        const seen = getWorkflow(getDb(), callers[0], TEST_SUBJECT, id)!.version;
        const outcomes = [first, second].map(({ who, transition }) => {
          const caller = callers[who === "cdo" ? 0 : 1];
          try {
            transaction((tx) => fireTransition(tx, caller, { instanceId, transition, expectedVersion: seen, comment: "parallel" }));
            return "ok";
          } catch (e) {
            if (e instanceof ConflictError) return "conflict";
            throw e;
          }
        });
        expect(outcomes).toEqual(["ok", "conflict"]);
        const rows = history(instanceId);
        expect(rows).toHaveLength(3);
        expect(replayHistory(rows).version).toBe(seen + 1);
      }),
      { numRuns: 30 },
    );
  });
});
