import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors } from "~/components/forms";
import { Badge } from "~/areas/trainings/components";
import { ATTENDANCE_LABELS, FORMAT_LABELS, REGISTRATION_STATUS_LABELS, TOPIC_LABELS, formatHours } from "~/areas/trainings/labels";
import { cancelOnPage, feedbackOnPage, registerOnPage, sessionPage } from "~/areas/trainings/session-page.server";
import { sessionDetail } from "~/areas/trainings/sessions.server";
import { WorkflowPanel } from "~/workflow/components";
import { requireContext } from "~/utils/context.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { idParam, orNotFound } from "~/utils/http.server";
import { intentAction } from "~/utils/intents.server";
import { replyErrors } from "~/utils/reply";
import { ExternalLink } from "~/components/external-link";
import { orNotFoundHere } from "~/utils/record-locations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.course.title} am ${formatDate(data.session.sessionDate)} – Fahrplan` : "Schulungstermin – Fahrplan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.view");
  const sessionId = idParam(params.sessionId);
  const detail = orNotFoundHere(sessionDetail(ctx, sessionId), ctx, request, "session", sessionId);
  return json({ ...detail, ...sessionPage(ctx, detail) });
}

const id = z.coerce.number<string>().int().positive();

export const action = /* @__PURE__ */ intentAction({
  permission: "training.view",
  load: (ctx, { params }) => orNotFound(sessionDetail(ctx, idParam(params.sessionId))).session.id,
  intents: (intent) => ({
    register: intent({
      schema: z.object({ employeeId: id.optional() }),
      run: ({ who, subject, value }) => registerOnPage(who, subject, value.employeeId),
      done: (message, { reply }) => json({ ...reply(), message }),
    }),
    cancel: intent({
      schema: z.object({ registrationId: id }),
      run: ({ who, value }) => cancelOnPage(who, value.registrationId),
      done: (message, { reply }) => json({ ...reply(), message }),
    }),
    feedback: intent({
      schema: z.object({ rating: z.coerce.number<string>({ error: "Bitte wählen Sie eine Bewertung von 1 bis 5." }), comment: z.string().optional() }),
      run: ({ who, subject, value }) => feedbackOnPage(who, subject, value),
      done: (message, { reply }) => json({ ...reply({ resetForm: true }), message }),
    }),
  }),
});

function stateTone(state: string | undefined) {
  return state === "registrationOpen" ? "green" : state === "fullyBooked" ? "amber" : state === "cancelled" ? "red" : "slate";
}

export default function SessionPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const message = result && "message" in result ? result.message : null;
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
      {message && (
        <p className="alert-success" role="status">
          {message}
        </p>
      )}
      <FormErrors errors={replyErrors(result?.result)} />

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
