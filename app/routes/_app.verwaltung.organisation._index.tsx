import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { UnitSchema, toUnitInput } from "~/areas/org/unit-schema";
import { UNIT_KIND_LABELS } from "~/areas/org/unit-tree";
import { createUnit, listUnitTree, unitOptions } from "~/areas/org/units.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { formatNumber } from "~/utils/format";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Organisation – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "org.edit");
  return json({ municipality: ctx.municipality.name, units: listUnitTree(ctx), parents: unitOptions(ctx) });
}

export const action = /* @__PURE__ */ formAction({
  permission: "org.edit",
  schema: UnitSchema,
  run: ({ who, value }) => createUnit(who, toUnitInput(value)),
  done: () => redirect("/verwaltung/organisation?hinweis=angelegt"),
});

const KIND_SHORT = { department: "Verwaltungseinheit", company: "Kommunales Unternehmen" } as const;

/** Keyed by the location, so that it starts empty again after a unit was created. */
function NewUnitForm({ parents }: { parents: { id: number; label: string }[] }) {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "neue-einheit",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UnitSchema }),
  });
  return (
    <Form method="post" className="mt-3 space-y-4" {...getFormProps(form)}>
      <CsrfInput />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField label="Name" meta={fields.name} required />
      <TextField label="Kürzel (optional)" meta={fields.shortName} hint="z. B. Amtsnummer wie „20“ oder „SWM“" />
      <SelectField
        label="Art"
        meta={fields.kind}
        placeholder="Bitte wählen"
        options={Object.entries(UNIT_KIND_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <SelectField
        label="Übergeordnete Einheit"
        meta={fields.parentId}
        placeholder="Keine (oberste Ebene)"
        options={parents.map((p) => ({ value: p.id, label: p.label }))}
        hint="Verwaltungseinheiten stehen unter Verwaltungseinheiten, Unternehmen oben oder unter Unternehmen."
      />
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        Einheit anlegen
      </button>
    </Form>
  );
}

export default function OrganisationPage() {
  const { municipality, units, parents } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const location = useLocation();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ to: "/verwaltung", label: "Verwaltung" }, { label: "Organisation" }]} />
      <h1>Organisation: Konzern {municipality}</h1>
      {params.get("hinweis") ? (
        <p className="alert-success" role="status">
          {params.get("hinweis") === "angelegt" ? "Die Einheit wurde angelegt." : "Die Änderungen wurden gespeichert."}
        </p>
      ) : null}
      <section aria-labelledby="einheiten" className="card overflow-x-auto">
        <h2 id="einheiten">Organisationseinheiten</h2>
        <p className="mt-1 text-sm text-slate-700">
          Die Beschäftigten selbst werden in der Beschäftigtenliste gepflegt; hier stehen nur die Einheiten.
        </p>
        <table className="table mt-3">
          <caption className="sr-only">Einheiten in ihrer Hierarchie</caption>
          <thead>
            <tr>
              <th scope="col">Einheit</th>
              <th scope="col">Kürzel</th>
              <th scope="col">Art</th>
              <th scope="col" className="num">
                Beschäftigte
              </th>
              <th scope="col">
                <span className="sr-only">Aktionen</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.id}>
                <td style={{ paddingLeft: `${0.75 + u.depth * 1.5}rem` }}>
                  {u.depth > 0 ? (
                    <span aria-hidden="true" className="text-slate-500">
                      └{" "}
                    </span>
                  ) : null}
                  {u.name}
                </td>
                <td>{u.shortName ?? "–"}</td>
                <td>{KIND_SHORT[u.kind]}</td>
                <td className="num">{formatNumber(u.employeeCount)}</td>
                <td>
                  <Link to={`/verwaltung/organisation/${u.id}`} aria-label={`${u.name} bearbeiten oder verschieben`}>
                    Bearbeiten
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="neue-einheit-titel" className="card max-w-2xl">
        <h2 id="neue-einheit-titel">Einheit anlegen</h2>
        <NewUnitForm key={location.key} parents={parents} />
      </section>
    </div>
  );
}
