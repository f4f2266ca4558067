import { and, eq } from "drizzle-orm";
import { todayIso } from "../utils/calendar";
import { z } from "zod";
import { ROLES, memberships } from "../../db/schema/org";
import { ROLE_LABELS } from "~/utils/permissions";
import { formatEuro } from "~/utils/format";
import { DeadlineSpecSchema } from "./definition";
import { computeDueDate } from "./dates";
import { deadlineAssignee } from "./assignees.server";
import { scheduleDeadline } from "./deadlines.server";
import { registerEffect, registerGuard } from "./registry.server";
import { notify } from "./tasks.server";

/**
 * The generic guards and effects every definition may use. Areas register further ones in their
 * own workflow.server.ts. Parameters are validated with these schemas at deploy time.
 */

const role = z.enum(ROLES);
const fieldRef = z.union([z.string().min(1), z.object({ field: z.string().min(1), label: z.string().min(1) })]);
type FieldRef = z.infer<typeof fieldRef>;
const fieldName = (f: FieldRef) => (typeof f === "string" ? f : f.field);
const fieldLabel = (f: FieldRef) => (typeof f === "string" ? f : f.label);

/** Empty means: missing, blank text, false (an unconfirmed checkbox) or an empty list. */
function isPresent(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === "string") return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function amountOf(data: Record<string, unknown>, field: string): number | undefined {
  const v = data[field];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** Registers the generic guards and effects; idempotent (a name registered again is replaced by the same). */
export function registerBuiltins(): void {
  registerGuard("hasRole", {
    label: "Nur bestimmte Rollen",
    params: z.object({ roles: z.array(role).min(1) }),
    describe: (p) => `nur für: ${p.roles.map((r) => ROLE_LABELS[r]).join(", ")}`,
    check: (ctx, p) =>
      ctx.caller.role && p.roles.includes(ctx.caller.role)
        ? true
        : `Diesen Schritt dürfen nur folgende Rollen ausführen: ${p.roles.map((r) => ROLE_LABELS[r]).join(", ")}.`,
  });

  registerGuard("fieldsPresent", {
    label: "Pflichtangaben vorhanden",
    params: z.object({ fields: z.array(fieldRef).min(1) }),
    describe: (p) => `Pflichtangaben: ${p.fields.map(fieldLabel).join(", ")}`,
    check: (ctx, p) => {
      const missing = p.fields.filter((f) => !isPresent(ctx.subject.data[fieldName(f)]));
      return missing.length ? `Es fehlen noch Angaben: ${missing.map(fieldLabel).join(", ")}.` : true;
    },
  });

  registerGuard("documentsAttached", {
    label: "Unterlagen beigefügt",
    params: z.object({ types: z.array(fieldRef).min(1) }),
    describe: (p) => `Unterlagen: ${p.types.map(fieldLabel).join(", ")}`,
    check: (ctx, p) => {
      const raw = ctx.subject.data.documentTypes;
      const attached = new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === "string") : []);
      const missing = p.types.filter((t) => !attached.has(fieldName(t)));
      return missing.length ? `Es fehlen noch Unterlagen: ${missing.map(fieldLabel).join(", ")}.` : true;
    },
  });

  registerGuard("fourEyes", {
    label: "Vier-Augen-Prinzip",
    params: z.object({
      transition: z.string().min(1),
      /** Subject data field with the user ids of everyone else who worked on the subject (author, editors). */
      excludeUsersField: z.string().min(1).optional(),
    }),
    describe: (p) =>
      p.excludeUsersField
        ? `Vier-Augen-Prinzip: nicht dieselbe Person wie bei „${p.transition}“ oder wer den Vorgang bearbeitet hat`
        : `Vier-Augen-Prinzip: nicht dieselbe Person wie bei „${p.transition}“`,
    transitionRefs: (p) => [p.transition],
    check: (ctx, p) => {
      const me = ctx.caller.actor;
      const isMe = (userId: number | null, label: string) => (me.userId !== null ? userId === me.userId : label === me.label);
      // Every earlier request counts, not only the last: forwarding twice must not launder authorship.
      if (ctx.history.some((h) => h.transition === p.transition && isMe(h.actorUserId, h.actorLabel))) {
        return "Vier-Augen-Prinzip: Diesen Schritt muss eine andere Person ausführen als die, die den Vorgang zur Prüfung gegeben hat.";
      }
      if (!p.excludeUsersField) return true;
      const raw = ctx.subject.data[p.excludeUsersField];
      // Fail closed: without the list nobody can show they are a second person.
      if (!Array.isArray(raw)) return "Vier-Augen-Prinzip: Es ist nicht festzustellen, wer den Vorgang bearbeitet hat; der Schritt ist gesperrt.";
      if (me.userId === null || raw.includes(me.userId)) {
        return "Vier-Augen-Prinzip: Sie haben diesen Vorgang selbst erstellt oder bearbeitet; freigeben muss eine andere Person.";
      }
      return true;
    },
  });

  registerGuard("amountAtMost", {
    label: "Betrag höchstens",
    params: z.object({ field: z.string().min(1), maxCents: z.number().int().min(0), label: z.string().optional() }),
    describe: (p) => `${p.label ?? p.field} höchstens ${formatEuro(p.maxCents)}`,
    check: (ctx, p) => {
      const amount = amountOf(ctx.subject.data, p.field);
      if (amount === undefined) return `Der Betrag „${p.label ?? p.field}“ fehlt noch.`;
      return amount <= p.maxCents ? true : `${p.label ?? "Der Betrag"} (${formatEuro(amount)}) übersteigt die Grenze von ${formatEuro(p.maxCents)}.`;
    },
  });

  registerGuard("amountAbove", {
    label: "Betrag über einer Grenze",
    params: z.object({ field: z.string().min(1), minCents: z.number().int().min(0), label: z.string().optional() }),
    describe: (p) => `${p.label ?? p.field} über ${formatEuro(p.minCents)}`,
    check: (ctx, p) => {
      const amount = amountOf(ctx.subject.data, p.field);
      if (amount === undefined) return `Der Betrag „${p.label ?? p.field}“ fehlt noch.`;
      return amount > p.minCents ? true : `Dieser Schritt gilt nur für Beträge über ${formatEuro(p.minCents)} (hier: ${formatEuro(amount)}).`;
    },
  });

  registerEffect("notifyRole", {
    label: "Rolle benachrichtigen",
    params: z.object({ role, message: z.string().min(1) }),
    describe: (p) => `benachrichtigt: ${ROLE_LABELS[p.role]}`,
    run: (ctx, p) => {
      const recipients = ctx.tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.municipalityId, ctx.tenant.municipalityId), eq(memberships.role, p.role)))
        .all();
      for (const r of recipients) {
        if (r.userId === ctx.caller.actor.userId) continue;
        notify(ctx.tx, ctx.tenant, { userId: r.userId, message: `${p.message}: ${ctx.subject.title}`, link: ctx.subject.url });
      }
    },
  });

  registerEffect("setDeadline", {
    label: "Frist setzen",
    params: DeadlineSpecSchema,
    describe: (p) => `setzt Frist „${p.label}“`,
    run: (ctx, p) => {
      const dueDate = computeDueDate(p, ctx.subject.data, todayIso());
      if (!dueDate) return;
      scheduleDeadline(ctx.tx, ctx.tenant, {
        instanceId: ctx.instance.id,
        subjectType: ctx.instance.subjectType,
        subjectId: ctx.instance.subjectId,
        key: `effect:${p.key}`,
        label: `${p.label}: ${ctx.subject.title}`,
        dueDate,
        remindDaysBefore: p.remindDaysBefore,
        ...deadlineAssignee(ctx.tenant, p, ctx.instance.subjectType, ctx.subject),
        link: ctx.subject.url,
      });
    },
  });
}
