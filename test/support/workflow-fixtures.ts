import { and, eq } from "drizzle-orm";
import { memberships, municipalities, users } from "../../db/schema";
import { getDb, transaction } from "../../app/utils/db.server";
import { registerSubject, type WorkflowCaller } from "../../app/workflow/index.server";
import { deployDefinition } from "../../app/workflow/definitions.server";

/** A subject type that exists only in tests: its data lives in memory, keyed by Kommune and id. */
export const TEST_SUBJECT = "wfTestItem";
const items = new Map<string, { title: string; data: Record<string, unknown> }>();

registerSubject(TEST_SUBJECT, {
  label: "Testvorgang",
  load: (_db, tenant, id) => {
    const item = items.get(`${tenant.municipalityId}:${id}`);
    return item ? { title: item.title, url: `/test/${id}`, data: item.data } : undefined;
  },
});

export function putItem(municipalityId: number, id: number, data: Record<string, unknown> = {}, title = `Testvorgang ${id}`): void {
  items.set(`${municipalityId}:${id}`, { title, data });
}

export const TEST_DEFINITION = {
  key: "testProcess",
  name: "Testablauf",
  subjectType: TEST_SUBJECT,
  states: [
    { name: "draft", label: "Entwurf", kind: "initial" },
    {
      name: "review",
      label: "Prüfung",
      kind: "active",
      tasks: [{ title: "Betrag prüfen", assigneeRole: "finance", dueInDays: 3 }],
      deadlines: [{ key: "decision", label: "Entscheidungsfrist", from: { field: "dueDate" }, remindDaysBefore: 5, assigneeRole: "cdo" }],
    },
    { name: "approved", label: "Freigegeben", kind: "final" },
    { name: "rejected", label: "Abgelehnt", kind: "final" },
  ],
  transitions: [
    { name: "submit", label: "Zur Prüfung geben", from: ["draft"], to: "review", roles: ["admin", "cdo", "projectLead"] },
    {
      name: "approve",
      label: "Freigeben",
      from: ["review"],
      to: "approved",
      roles: ["admin", "cdo", "finance"],
      guards: [
        { name: "fourEyes", params: { transition: "submit" } },
        { name: "amountAtMost", params: { field: "amountCents", maxCents: 10_000_000, label: "Der Betrag" } },
      ],
      effects: [{ name: "notifyRole", params: { role: "projectLead", message: "Freigegeben" } }],
    },
    { name: "reject", label: "Ablehnen", from: ["review"], to: "rejected", roles: ["cdo", "finance"], requiresComment: true },
    { name: "rework", label: "Zurück in den Entwurf", from: ["review"], to: "draft", roles: ["admin", "cdo", "finance"] },
  ],
};

export function municipalityId(name: string): number {
  return getDb().select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.name, name)).get()!.id;
}

/** The workflow caller of a demo login in a Kommune (as requireContext would build it). */
export function callerFor(email: string, kommune = "Musterstadt"): WorkflowCaller {
  const user = getDb().select().from(users).where(eq(users.email, email)).get()!;
  const mId = municipalityId(kommune);
  const m = getDb()
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), eq(memberships.municipalityId, mId)))
    .get();
  return { municipalityId: mId, actor: { userId: user.id, label: user.email }, role: m?.role ?? null };
}

/** Deploys the test definition for the caller's Kommune (once per test file and Kommune). */
export function deployTestDefinition(caller: WorkflowCaller, definition: unknown = TEST_DEFINITION): { key: string; version: number } {
  return transaction((tx) => deployDefinition(tx, caller, JSON.stringify(definition)));
}
