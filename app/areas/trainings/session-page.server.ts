import type { AppContext } from "../../utils/context.server";
import { getDb } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { badRequest } from "../../utils/http.server";
import { todayIso } from "../../utils/format";
import { getWorkflowPanelData } from "../../workflow/index.server";
import { employeesInScope, personalDataScope, seesAnyone } from "./access.server";
import { mayRecordAttendance } from "./attendance.server";
import { certificateValid } from "./certificate-status";
import { hasGivenFeedback, submitFeedback } from "./feedback.server";
import { registrationOpen } from "./registration-window";
import { cancelRegistration, ownRegistration, participants, register } from "./registrations.server";
import { FeedbackSchema } from "./schemas";
import { SESSION_SUBJECT } from "./session-workflow.server";
import type { sessionDetail } from "./sessions.server";

type SessionDetail = NonNullable<ReturnType<typeof sessionDetail>>;

const NO_EMPLOYEE = "Ihr Konto ist mit keinem Beschäftigtendatensatz verknüpft.";

/** What the session page shows next to the session itself: the caller's own seat, who may register whom, the participants. */
export function sessionPage(ctx: AppContext, detail: SessionDetail, today = todayIso()) {
  const sessionId = detail.session.id;
  const scope = personalDataScope(ctx);
  const isTrainer = mayRecordAttendance(ctx, detail.session);
  const own = ownRegistration(ctx, sessionId, ctx.employeeId);
  const list = seesAnyone(scope) || isTrainer ? participants(ctx, sessionId, scope, { isTrainer }) : null;
  const open = registrationOpen(detail.state?.state, detail.session.registrationDeadline, today);
  const taken = new Set((list ?? []).map((p) => p.employeeId));
  return {
    own: own ? { id: own.id, status: own.status, attendance: own.attendance, waitlistPosition: own.waitlistPosition, hasCertificate: certificateValid(own) } : null,
    canRegisterSelf: open && ctx.can("training.register") && ctx.employeeId != null && (!own || own.status === "cancelled"),
    registrationOpen: open,
    canFeedback: own?.attendance === "present" && !hasGivenFeedback(ctx, own.id),
    participants: list,
    isTrainer,
    registerable:
      open && scope.unitIds.length + (scope.all ? 1 : 0) > 0
        ? employeesInScope(getDb(), ctx, scope)
            .filter((e) => e.id !== ctx.employeeId && !taken.has(e.id))
            .map((e) => ({ id: e.id, label: `${e.lastName}, ${e.firstName}` }))
        : [],
    workflow: getWorkflowPanelData(getDb(), ctx, SESSION_SUBJECT, sessionId),
    canManage: ctx.can("training.manage"),
  };
}

/** Registers the caller (no `employeeId`) or one of their people; answers the page's message. */
export function registerOnPage(ctx: AppContext, sessionId: number, employeeId: number | undefined): string {
  if (!ctx.can("training.register") && employeeId === undefined) badRequest("Ihre Rolle kann sich nicht für Schulungen anmelden.");
  const who = employeeId ?? ctx.employeeId;
  if (who == null) throw new ValidationError({ form: [NO_EMPLOYEE] });
  const { status } = register(ctx, personalDataScope(ctx), sessionId, who);
  return status === "registered"
    ? "Die Anmeldung ist gespeichert."
    : "Der Termin ist ausgebucht: Die Anmeldung steht auf der Warteliste und rückt automatisch nach, sobald ein Platz frei wird.";
}

export function cancelOnPage(ctx: AppContext, registrationId: number): string {
  const { promoted } = cancelRegistration(ctx, personalDataScope(ctx), registrationId);
  return `Die Anmeldung wurde storniert.${promoted.length ? " Die erste Person auf der Warteliste ist nachgerückt." : ""}`;
}

/** The participant's own feedback; the rating is checked here so that its message stands with the others above the page. */
export function feedbackOnPage(ctx: AppContext, sessionId: number, input: { rating: number; comment?: string }): string {
  const feedback = FeedbackSchema.safeParse({ rating: input.rating, comment: input.comment || undefined });
  if (!feedback.success) throw new ValidationError({ form: feedback.error.issues.map((i) => i.message) });
  if (ctx.employeeId == null) throw new ValidationError({ form: [NO_EMPLOYEE] });
  submitFeedback(ctx, ctx.employeeId, sessionId, { rating: feedback.data.rating, comment: feedback.data.comment ?? "" });
  return "Vielen Dank für Ihr Feedback!";
}
