import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ATTENDANCE_STATUSES } from "../../db/schema/trainings";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors } from "~/components/forms";
import { personalDataScope } from "~/areas/trainings/access.server";
import { type AttendanceEntry, importAttendance, mayRecordAttendance, recordAttendance } from "~/areas/trainings/attendance.server";
import { ATTENDANCE_LABELS } from "~/areas/trainings/labels";
import { participants } from "~/areas/trainings/registrations.server";
import { AttendanceStatusSchema } from "~/areas/trainings/schemas";
import { sessionDetail } from "~/areas/trainings/sessions.server";
import { requireContext } from "~/utils/context.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { forbidden, idParam, orNotFound } from "~/utils/http.server";
import { UPLOADS } from "~/utils/request-limits";
import { withUploadForm } from "~/utils/upload.server";

export const meta: MetaFunction = () => [{ title: "Anwesenheit erfassen – Fahrplan" }];

async function requireTrainer(request: Request, sessionIdParam: string | undefined) {
  const ctx = await requireContext(request, "training.view");
  const sessionId = idParam(sessionIdParam);
  const detail = orNotFound(sessionDetail(ctx, sessionId));
  if (!mayRecordAttendance(ctx, detail.session)) forbidden("Die Anwesenheit erfassen die Trainerin / der Trainer des Termins oder die Schulungsverwaltung.");
  return { ctx, sessionId, detail };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, sessionId, detail } = await requireTrainer(request, params.sessionId);
  const list = participants(ctx, sessionId, personalDataScope(ctx), { isTrainer: true }).filter((p) => p.status === "registered");
  return json({ session: detail.session, course: { title: detail.course.title }, participants: list });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, sessionId } = await requireTrainer(request, params.sessionId);
  try {
    return await withUploadForm(request, UPLOADS.attendanceImport, async (form) => {
      if (form.get("intent") === "import") {
        const file = form.get("file");
        if (!(file instanceof File) || file.size === 0) throw new ValidationError({ file: ["Bitte wählen Sie eine CSV-Datei aus."] });
        const changed = importAttendance(ctx, sessionId, await file.text());
        return json({ message: `Anwesenheitsliste importiert: ${changed} Einträge geändert.`, errors: [] as string[] });
      }
      const entries: AttendanceEntry[] = [];
      for (const [key, value] of form.entries()) {
        const m = /^attendance-(\d+)$/.exec(key);
        if (!m) continue;
        const status = AttendanceStatusSchema.safeParse(value);
        if (!status.success) throw new ValidationError({ form: ["Ungültiger Anwesenheitsstatus."] });
        entries.push({ registrationId: Number(m[1]), attendance: status.data, expectedVersion: Number(form.get(`version-${m[1]}`)) });
      }
      if (!entries.length) throw new ValidationError({ form: ["Bitte wählen Sie für mindestens eine Person einen Status."] });
      const changed = recordAttendance(ctx, sessionId, entries);
      return json({ message: `Anwesenheit gespeichert (${changed} Änderungen).`, errors: [] as string[] });
    });
  } catch (error) {
    if (error instanceof ValidationError) return json({ message: null, errors: Object.values(error.fieldErrors).flat() }, { status: 400 });
    if (error instanceof ConflictError) return json({ message: null, errors: [error.message] }, { status: 409 });
    throw error;
  }
}

const TONE: Record<(typeof ATTENDANCE_STATUSES)[number], string> = {
  present: "peer-checked:bg-green-700 peer-checked:text-white peer-checked:border-green-800",
  absent: "peer-checked:bg-red-700 peer-checked:text-white peer-checked:border-red-800",
  excused: "peer-checked:bg-amber-600 peer-checked:text-black peer-checked:border-amber-700",
};

export default function AttendancePage() {
  const { session, course, participants: list } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Breadcrumbs
        items={[
          { to: "/schulungen", label: "Schulungen" },
          { to: `/schulungen/termine/${session.id}`, label: "Termin" },
          { label: "Anwesenheit" },
        ]}
      />
      <h1>
        Anwesenheit: {course.title}, {formatDate(session.sessionDate)}
      </h1>
      {result?.message && (
        <p className="alert-success" role="status">
          {result.message}
        </p>
      )}
      <FormErrors errors={result?.errors} />
      {list.length === 0 ? (
        <p className="card">Für diesen Termin ist niemand angemeldet.</p>
      ) : (
        <Form method="post" className="space-y-3">
          <CsrfInput />
          <ul className="space-y-3">
            {list.map((p) => (
              <li key={p.id} className="card">
                <fieldset>
                  <legend className="text-lg font-semibold">
                    {p.name} <span className="text-sm font-normal text-slate-600">({p.unitName})</span>
                  </legend>
                  <input type="hidden" name={`version-${p.id}`} value={p.version} />
                  <div className="mt-2 grid grid-cols-3 gap-2">
                    {ATTENDANCE_STATUSES.map((s) => (
                      <label key={s} className="block">
                        <input type="radio" name={`attendance-${p.id}`} value={s} defaultChecked={p.attendance === s} className="peer sr-only" />
                        <span
                          className={`flex min-h-14 cursor-pointer items-center justify-center rounded-lg border-2 border-slate-400 bg-white px-2 text-base font-medium text-slate-900 peer-focus-visible:outline peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-amber-700 ${TONE[s]}`}
                        >
                          {ATTENDANCE_LABELS[s]}
                        </span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              </li>
            ))}
          </ul>
          <button type="submit" name="intent" value="record" className="btn-primary min-h-14 w-full justify-center text-lg" disabled={navigation.state === "submitting"}>
            Anwesenheit speichern
          </button>
        </Form>
      )}
      <section aria-labelledby="import" className="card space-y-3">
        <h2 id="import">Anwesenheitsliste importieren (CSV)</h2>
        <p className="text-sm text-slate-700">
          Semikolon-getrennt, erste Zeile mit Spaltennamen: <code>Personalnummer;E-Mail;Anwesenheit</code> (Personalnummer oder E-Mail genügt,
          Anwesenheit: anwesend, abwesend oder entschuldigt). Enthält die Datei einen Fehler, wird nichts gespeichert.
        </p>
        <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
          <CsrfInput />
          <div>
            <label htmlFor="file" className="label">
              CSV-Datei
            </label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" className="input" required />
          </div>
          <button type="submit" name="intent" value="import" className="btn-secondary" disabled={navigation.state === "submitting"}>
            Importieren
          </button>
        </Form>
      </section>
    </div>
  );
}
