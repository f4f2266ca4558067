import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { UnitSchema, toUnitInput } from "~/areas/org/unit-schema";
import { UNIT_KIND_LABELS, descendantIds } from "~/areas/org/unit-tree";
import { getUnit, listUnitTree, unitOptions, updateUnit } from "~/areas/org/units.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { requireContext } from "~/utils/context.server";
import { idParam, orNotFound } from "~/utils/http.server";
import { formAction } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Einheit bearbeiten – Fahrplan" }];

const EditUnitSchema = UnitSchema.extend({
  version: z.number({ error: "Die Version fehlt. Bitte laden Sie die Seite neu." }).int().positive(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "org.edit");
  const unit = orNotFound(getUnit(ctx, idParam(params.unitId)));
  const below = descendantIds(listUnitTree(ctx), unit.id);
  return json({
    unit: { id: unit.id, name: unit.name, shortName: unit.shortName, kind: unit.kind, parentId: unit.parentId, version: unit.version },
    parents: unitOptions(ctx).filter((p) => !below.has(p.id)),
  });
}

export const action = /* @__PURE__ */ formAction({
  permission: "org.edit",
  load: (ctx, { params }) => {
    const unitId = idParam(params.unitId);
    orNotFound(getUnit(ctx, unitId));
    return unitId;
  },
  schema: EditUnitSchema,
  run: ({ who, subject, value }) => updateUnit(who, subject, value.version, toUnitInput(value)),
  done: () => redirect("/verwaltung/organisation?hinweis=gespeichert"),
});

export default function EditUnitPage() {
  const { unit, parents } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "einheit",
    lastResult,
    defaultValue: {
      name: unit.name,
      shortName: unit.shortName ?? "",
      kind: unit.kind,
      parentId: unit.parentId ?? "",
      version: unit.version,
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditUnitSchema }),
  });
  return (
    <div className="max-w-2xl space-y-6">
      <Breadcrumbs items={[{ to: "/verwaltung", label: "Verwaltung" }, { to: "/verwaltung/organisation", label: "Organisation" }, { label: unit.name }]} />
      <h1>Einheit bearbeiten: {unit.name}</h1>
      <Form method="post" className="card space-y-4" {...getFormProps(form)}>
        <CsrfInput />
        <input {...getInputProps(fields.version, { type: "hidden" })} key={`v${unit.version}`} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField label="Name" meta={fields.name} required />
        <TextField label="Kürzel (optional)" meta={fields.shortName} />
        <SelectField
          label="Art"
          meta={fields.kind}
          options={Object.entries(UNIT_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          label="Übergeordnete Einheit"
          meta={fields.parentId}
          placeholder="Keine (oberste Ebene)"
          options={parents.map((p) => ({ value: p.id, label: p.label }))}
          hint="Zum Verschieben eine andere übergeordnete Einheit wählen. Untereinheiten wandern mit."
        />
        <div className="flex gap-3">
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            Speichern
          </button>
          <Link to="/verwaltung/organisation" className="btn-secondary">
            Abbrechen
          </Link>
        </div>
      </Form>
    </div>
  );
}
