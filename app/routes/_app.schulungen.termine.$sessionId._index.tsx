import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { certificateValid } from "~/areas/trainings/certificate-status";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors } from "~/components/forms";
import { employeesInScope, personalDataScope, seesAnyone } from "~/areas/trainings/access.server";
import { mayRecordAttendance } from "~/areas/trainings/attendance.server";
import { Badge } from "~/areas/trainings/components";
import { hasGivenFeedback, submitFeedback } from "~/areas/trainings/feedback.server";
import { ATTENDANCE_LABELS, FORMAT_LABELS, REGISTRATION_STATUS_LABELS, TOPIC_LABELS, formatHours } from "~/areas/trainings/labels";
import { cancelRegistration, ownRegistration, participants, register } from "~/areas/trainings/registrations.server";
import { FeedbackSchema } from "~/areas/trainings/schemas";
import { OPEN_FOR_REGISTRATION, SESSION_SUBJECT } from "~/areas/trainings/session-workflow.server";
import { sessionDetail } from "~/areas/trainings/sessions.server";
import { WorkflowPanel } from "~/workflow/components";
import { getWorkflowPanelData } from "~/workflow/index.server";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { formatDate, formatDateTime, todayIso } from "~/utils/format";
import { badRequest, idParam, orNotFound } from "~/utils/http.server";
import { ExternalLink } from "~/components/external-link";
import { orNotFoundHere } from "~/utils/record-locations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.course.title} am ${formatDate(data.session.sessionDate)} – Fahrplan` : "Schulungstermin – Fahrplan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const sessionId = idParam(params.sessionId);
  const detail = orNotFoundHere(sessionDetail(ctx, sessionId), ctx, request, "session", sessionId);
  const scope = personalDataScope(ctx);
  const isTrainer = mayRecordAttendance(ctx, detail.session);
  const own = ownRegistration(ctx, sessionId, ctx.employeeId);
  const list = seesAnyone(scope) || isTrainer ? participants(ctx, sessionId, scope, { isTrainer }) : null;
  const today = todayIso();
  const open = !!detail.state && (OPEN_FOR_REGISTRATION as readonly string[]).includes(detail.state.state) && today <= detail.session.registrationDeadline;
  const taken = new Set((list ?? []).map((p) => p.employeeId));
  return json({
    ...detail,
    own: own ? { id: own.id, status: own.status, attendance: own.attendance, waitlistPosition: own.waitlistPosition, hasCertificate: certificateValid(own) } : null,
    canRegisterSelf: open && ctx.can("training.register") && ctx.employeeId != null && (!own || own.status === "cancelled"),
    registrationOpen: open,
    canFeedback: own?.attendance === "present" && !hasGivenFeedback(ctx, own.id),
    participants: list,
    isTrainer,
    registerable: open && scope.unitIds.length + (scope.all ? 1 : 0) > 0
      ? employeesInScope(getDb(), ctx, scope).filter((e) => e.id !== ctx.employeeId && !taken.has(e.id)).map((e) => ({ id: e.id, label: `${e.lastName}, ${e.firstName}` }))
      : [],
    workflow: getWorkflowPanelData(getDb(), ctx, SESSION_SUBJECT, sessionId),
    canManage: ctx.can("training.manage"),
  });
}

const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("register"), employeeId: z.coerce.number().int().positive().optional() }),
  z.object({ intent: z.literal("cancel"), registrationId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("feedback"), rating: z.coerce.number(), comment: z.string().optional() }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const sessionId = idParam(params.sessionId);
  orNotFound(sessionDetail(ctx, sessionId));
  const parsed = IntentSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) badRequest();
  const input = parsed.data;
  const scope = personalDataScope(ctx);
  try {
    if (input.intent === "register") {
      if (!ctx.can("training.register") && input.employeeId === undefined) badRequest("Ihre Rolle kann sich nicht für Schulungen anmelden.");
      const employeeId = input.employeeId ?? ctx.employeeId;
      if (employeeId == null) throw new ValidationError({ form: ["Ihr Konto ist mit keinem Beschäftigtendatensatz verknüpft."] });
      const result = register(ctx, scope, sessionId, employeeId);
      return json({
        ok: true as const,
        message:
          result.status === "registered"
            ? "Die Anmeldung ist gespeichert."
            : "Der Termin ist ausgebucht: Die Anmeldung steht auf der Warteliste und rückt automatisch nach, sobald ein Platz frei wird.",
        errors: [] as string[],
      });
    }
    if (input.intent === "cancel") {
      const { promoted } = cancelRegistration(ctx, scope, input.registrationId);
      return json({
        ok: true as const,
        message: `Die Anmeldung wurde storniert.${promoted.length ? " Die erste Person auf der Warteliste ist nachgerückt." : ""}`,
        errors: [] as string[],
      });
    }
    const feedback = FeedbackSchema.safeParse({ rating: input.rating, comment: input.comment || undefined });
    if (!feedback.success) throw new ValidationError({ form: feedback.error.issues.map((i) => i.message) });
    if (ctx.employeeId == null) throw new ValidationError({ form: ["Ihr Konto ist mit keinem Beschäftigtendatensatz verknüpft."] });
    submitFeedback(ctx, ctx.employeeId, sessionId, { rating: feedback.data.rating, comment: feedback.data.comment ?? "" });
    return json({ ok: true as const, message: "Vielen Dank für Ihr Feedback!", errors: [] as string[] });
  } catch (error) {
    if (error instanceof ValidationError) {
      return json({ ok: false as const, message: null, errors: Object.values(error.fieldErrors).flat() }, { status: 400 });
    }
    throw error;
  }
}

function stateTone(state: string | undefined) {
  return state === "registrationOpen" ? "green" : state === "fullyBooked" ? "amber" : state === "cancelled" ? "red" : "slate";
}

export default function SessionPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { session, course } = data;
  const path = `/schulungen/termine/${session.id}`;
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { to: "/schulungen", label: "Schulungen" },
          { to: `/schulungen/formate/${course.id}`, label: course.title },
          { label: formatDate(session.sessionDate) },
        ]}
      />
      <div className="flex flex-wrap items-center gap-3">
        <h1>
          {course.title} am {formatDate(session.sessionDate)}
        </h1>
        {data.state && <Badge tone={stateTone(data.state.state)}>{data.state.label}</Badge>}
      </div>
      {result?.message && (
        <p className="alert-success" role="status">
          {result.message}
        </p>
      )}
      <FormErrors errors={result?.errors} />

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <section aria-labelledby="details" className="card">
            <h2 id="details">Termin</h2>
            <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className="font-medium">Beginn – Ende</dt>
              <dd>
                {formatDateTime(session.startsAt)} – {formatDateTime(session.endsAt).slice(-5)} Uhr
              </dd>
              <dt className="font-medium">Thema, Format, Dauer</dt>
              <dd>
                {TOPIC_LABELS[course.topic]}, {FORMAT_LABELS[course.format]}, {formatHours(course.durationMinutes)}
              </dd>
              <dt className="font-medium">Ort</dt>
              <dd>{session.location ?? "–"}</dd>
              <dt className="font-medium">Online-Link</dt>
              <dd>{session.onlineUrl ? <ExternalLink href={session.onlineUrl} /> : "–"}</dd>
              <dt className="font-medium">Trainer/in</dt>
              <dd>{data.trainerLabel}</dd>
              <dt className="font-medium">Plätze</dt>
              <dd data-testid="seats">
                {data.seats.registered} von {session.capacity} belegt, {data.seats.waitlisted} auf der Warteliste
              </dd>
              <dt className="font-medium">Anmeldeschluss</dt>
              <dd>{formatDate(session.registrationDeadline)}</dd>
            </dl>
            <p className="mt-3 flex flex-wrap gap-3 text-sm">
              <a href={`${path}/kalender.ics`} download>
                In meinen Kalender übernehmen (.ics)
              </a>
              {data.isTrainer && <Link to={`${path}/anwesenheit`}>Anwesenheit erfassen</Link>}
              {data.canManage && <Link to={`${path}/bearbeiten`}>Termin bearbeiten</Link>}
            </p>
          </section>

          <section aria-labelledby="anmeldung" className="card space-y-3">
            <h2 id="anmeldung">Meine Anmeldung</h2>
            {data.own && data.own.status !== "cancelled" ? (
              <>
                <p data-testid="own-status">
                  {data.own.attendance
                    ? `Teilnahme: ${ATTENDANCE_LABELS[data.own.attendance]}`
                    : data.own.status === "waitlisted"
                      ? `Sie stehen auf der Warteliste (Platz ${data.own.waitlistPosition}).`
                      : "Sie sind angemeldet."}
                </p>
                {!data.own.attendance && (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="registrationId" value={data.own.id} />
                    <button type="submit" name="intent" value="cancel" className="btn-secondary" disabled={busy}>
                      {data.own.status === "waitlisted" ? "Von der Warteliste abmelden" : "Abmelden"}
                    </button>
                  </Form>
                )}
                {data.own.hasCertificate && (
                  <p>
                    <a className="btn-primary" href={`/schulungen/anmeldungen/${data.own.id}/bescheinigung.pdf`}>
                      Teilnahmebescheinigung herunterladen (PDF)
                    </a>
                  </p>
                )}
              </>
            ) : data.canRegisterSelf ? (
              <Form method="post">
                <CsrfInput />
                <button type="submit" name="intent" value="register" className="btn-primary" disabled={busy}>
                  {data.seats.registered >= session.capacity ? "Auf die Warteliste setzen" : "Jetzt anmelden"}
                </button>
              </Form>
            ) : (
              <p className="text-sm text-slate-700">
                {data.registrationOpen ? "Sie können sich mit Ihrer Rolle nicht selbst anmelden." : "Für diesen Termin ist zurzeit keine Anmeldung möglich."}
              </p>
            )}
            {data.registerable.length > 0 && (
              <Form method="post" className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-3">
                <CsrfInput />
                <div>
                  <label htmlFor="employeeId" className="label">
                    Beschäftigte/n Ihrer Einheit anmelden
                  </label>
                  <select id="employeeId" name="employeeId" className="input" required>
                    {data.registerable.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.label}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" name="intent" value="register" className="btn-secondary" disabled={busy}>
                  Anmelden
                </button>
              </Form>
            )}
          </section>

          {data.canFeedback && (
            <section aria-labelledby="feedback" className="card space-y-3">
              <h2 id="feedback">Ihr Feedback</h2>
              <Form method="post" className="space-y-3">
                <CsrfInput />
                <fieldset>
                  <legend className="label">Wie hilfreich war die Schulung? (1 = gar nicht, 5 = sehr)</legend>
                  <div className="flex gap-2">
                    {[1, 2, 3, 4, 5].map((r) => (
                      <label key={r} className="flex min-h-11 min-w-11 cursor-pointer items-center justify-center gap-1 rounded-md border border-slate-400 px-3">
                        <input type="radio" name="rating" value={r} required />
                        {r}
                      </label>
                    ))}
                  </div>
                </fieldset>
                <div>
                  <label htmlFor="comment" className="label">
                    Kommentar (optional, wird ohne Namen gezeigt)
                  </label>
                  <textarea id="comment" name="comment" rows={3} className="input" maxLength={2000} />
                </div>
                <button type="submit" name="intent" value="feedback" className="btn-primary" disabled={busy}>
                  Feedback senden
                </button>
              </Form>
            </section>
          )}

          {data.participants && (
            <section aria-labelledby="teilnehmende" className="card space-y-3">
              <h2 id="teilnehmende">Teilnehmende und Warteliste</h2>
              {data.participants.length === 0 ? (
                <p className="text-sm text-slate-700">Noch keine Anmeldungen.</p>
              ) : (
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Einheit</th>
                      <th scope="col">Status</th>
                      <th scope="col">Aktion</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.participants.map((p) => (
                      <tr key={p.id}>
                        <td>{p.name ?? <span className="text-slate-600">(nur für Führungskraft sichtbar)</span>}</td>
                        <td>{p.unitName}</td>
                        <td>
                          {p.attendance
                            ? ATTENDANCE_LABELS[p.attendance]
                            : p.status === "waitlisted"
                              ? `Warteliste, Platz ${p.waitlistPosition}`
                              : REGISTRATION_STATUS_LABELS[p.status]}
                        </td>
                        <td>
                          {p.mayCancel && !p.attendance && (
                            <Form method="post">
                              <CsrfInput />
                              <input type="hidden" name="registrationId" value={p.id} />
                              <button type="submit" name="intent" value="cancel" className="btn-secondary" disabled={busy} aria-label={`${p.name} abmelden`}>
                                Abmelden
                              </button>
                            </Form>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          )}
        </div>
        <WorkflowPanel data={data.workflow} redirectTo={path} title="Ablauf des Termins" />
      </div>
    </div>
  );
}
