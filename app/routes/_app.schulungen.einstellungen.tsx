import { trainingNavFor } from "~/areas/trainings/access.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf";
import { TrainingNav } from "~/areas/trainings/components";
import { coverageTargetBp } from "~/areas/trainings/coverage.server";
import { MIN_RETENTION_MONTHS, trainingSettingsOf, updateRetention } from "~/areas/trainings/privacy.server";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { formatPercentBp } from "~/utils/format";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Einstellungen Schulungen – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "training.manage");
  return json({ nav: trainingNavFor(ctx), settings: trainingSettingsOf(getDb(), ctx), targetBp: coverageTargetBp(getDb(), ctx), canEditAgenda: ctx.can("agenda.edit") });
}

const WHOLE_MONTHS = "Bitte geben Sie eine ganze Zahl von Monaten (höchstens 240) ein.";
const RetentionSchema = z.object({
  retentionMonths: z.coerce.number<string>({ error: WHOLE_MONTHS }).int({ error: WHOLE_MONTHS }).max(240, { error: WHOLE_MONTHS }),
  version: z.coerce.number<string>({ error: "Bitte laden Sie die Seite neu." }),
});

export const action = /* @__PURE__ */ formAction({
  permission: "training.manage",
  schema: RetentionSchema,
  run: ({ who, value }) => updateRetention(who, value.retentionMonths, value.version),
  done: (_, { reply }) => json(reply()),
});

export default function TrainingSettingsPage() {
  const { nav, settings, targetBp, canEditAgenda } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result?.error ? Object.values(result.error).flat().join(" ") : null;
  return (
    <div className="space-y-6">
      <h1>Einstellungen Schulungen</h1>
      <TrainingNav current="/schulungen/einstellungen" links={nav} />
      <section aria-labelledby="ziel" className="card space-y-2">
        <h2 id="ziel">Zielwert Schulungsquote</h2>
        <p className="text-sm">
          Aktuell: <strong>{formatPercentBp(targetBp)}</strong>. Der Zielwert gehört zur Digitalagenda
          {canEditAgenda ? (
            <>
              {" "}und wird dort gepflegt: <a href="/agenda/bearbeiten">Digitalagenda bearbeiten</a>.
            </>
          ) : (
            "."
          )}
        </p>
      </section>
      <section aria-labelledby="aufbewahrung" className="card space-y-3">
        <h2 id="aufbewahrung">Aufbewahrung von Schulungsnachweisen (DSGVO)</h2>
        <p className="text-sm text-slate-700">
          Nach Ablauf der Frist werden Schulungsnachweise täglich anonymisiert: Der Personenbezug und hochgeladene Nachweise werden entfernt,
          Einheit, Schulung, Datum und Stunden bleiben für die Statistik erhalten. Mindestens {MIN_RETENTION_MONTHS} Monate und länger als die
          längste Auffrischungsfrist.
        </p>
        {result?.status === "success" && (
          <p className="alert-success" role="status">
            Gespeichert.
          </p>
        )}
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <CsrfInput />
          <input type="hidden" name="version" value={settings.version} />
          <div>
            <label htmlFor="retentionMonths" className="label">
              Aufbewahrungsfrist (Monate)
            </label>
            <input
              id="retentionMonths"
              name="retentionMonths"
              type="number"
              min={MIN_RETENTION_MONTHS}
              max={240}
              defaultValue={settings.retentionMonths}
              className="input w-40"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "retention-error" : undefined}
            />
            {error && (
              <p id="retention-error" className="field-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <button type="submit" className="btn-primary">
            Speichern
          </button>
        </Form>
      </section>
    </div>
  );
}
