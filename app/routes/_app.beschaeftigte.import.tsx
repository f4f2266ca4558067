import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { EMPLOYEE_CSV_OPTIONAL, EMPLOYEE_CSV_REQUIRED } from "~/areas/employees/hr-csv-columns";
import { importEmployees } from "~/areas/employees/employees.server";
import { requireContext } from "~/utils/context.server";
import { ValidationError } from "~/utils/errors";
import { UPLOADS } from "~/utils/request-limits";
import { withUploadForm } from "~/utils/upload.server";

export const meta: MetaFunction = () => [{ title: "Beschäftigte importieren – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireContext(request, "employee.edit");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "employee.edit");
  try {
    return await withUploadForm(request, UPLOADS.employeeImport, async (form) => {
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) return json({ errors: ["Bitte wählen Sie eine CSV-Datei aus."], result: null }, { status: 400 });
      const result = importEmployees(ctx, await file.text());
      return json({ errors: [] as string[], result });
    });
  } catch (error) {
    if (error instanceof ValidationError) return json({ errors: Object.values(error.fieldErrors).flat(), result: null }, { status: 400 });
    throw error;
  }
}

export default function EmployeeImportPage() {
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumbs items={[{ to: "/beschaeftigte", label: "Beschäftigte" }, { label: "Import" }]} />
      <h1>Beschäftigte aus der Personalverwaltung importieren</h1>
      <section aria-labelledby="format" className="card space-y-2 text-sm">
        <h2 id="format">Dateiformat</h2>
        <p>
          CSV-Export (UTF-8, Semikolon), erste Zeile mit diesen Spalten: <code>{[...EMPLOYEE_CSV_REQUIRED, ...EMPLOYEE_CSV_OPTIONAL].join(";")}</code>
        </p>
        <ul className="list-disc pl-5">
          <li>Pflicht: Personalnummer, Nachname, Vorname, Organisationseinheit (Name oder Kürzel wie in Fahrplan).</li>
          <li>Führungskraft: „ja“ oder „nein“; Austrittsdatum als TT.MM.JJJJ (ab diesem Tag inaktiv).</li>
          <li>Bekannte Personalnummern werden aktualisiert, neue angelegt. Enthält eine Zeile einen Fehler, wird nichts gespeichert.</li>
        </ul>
      </section>
      {data?.result && (
        <p className="alert-success" role="status">
          Import abgeschlossen: {data.result.created} neu angelegt, {data.result.updated} aktualisiert.
        </p>
      )}
      {data && data.errors.length > 0 && (
        <div className="alert-error" role="alert">
          <p className="font-semibold">Die Datei wurde nicht importiert. Bitte korrigieren Sie:</p>
          <ul className="mt-2 list-disc pl-5">
            {data.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <Form method="post" encType="multipart/form-data" className="card flex flex-wrap items-end gap-3">
        <CsrfInput />
        <div>
          <label htmlFor="file" className="label">
            CSV-Datei
          </label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" className="input" required />
        </div>
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Importieren
        </button>
      </Form>
    </div>
  );
}
