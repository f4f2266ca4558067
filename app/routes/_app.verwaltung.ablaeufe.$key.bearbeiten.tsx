import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { getDb, transaction } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { DraftInvalidError, type DraftCheck, checkDraft, deployDraft, editorPage, formFromJson } from "~/workflow/editor.server";
import { EditorFormSchema, applyEditIntent } from "~/workflow/editor-form";
import { DefinitionEditor } from "~/workflow/editor-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Ablauf"} bearbeiten – Abläufe – Fahrplan` }];

function pageOf(request: Request, ctx: Parameters<typeof editorPage>[1], key: string) {
  const requested = new URL(request.url).searchParams.get("version");
  const page = editorPage(getDb(), ctx, key, requested ? Number(requested) : undefined);
  if (!page) notFound("Diesen Ablauf oder diese Version gibt es in Ihrer Kommune nicht.");
  return page;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireContext(request, "workflow.deploy");
  return json(pageOf(request, ctx, params.key ?? ""));
}

/** Preview, list buttons, JSON into the form, and saving as the next version – always the same checks. */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "workflow.deploy");
  const key = params.key ?? "";
  const page = pageOf(request, ctx, key);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "preview");
  formData.delete("intent");
  const revision = crypto.randomUUID();
  const submission = parseWithZod(formData, { schema: EditorFormSchema });
  if (submission.status !== "success") {
    const check: DraftCheck = { ok: false, formErrors: ["Das Formular konnte nicht gelesen werden. Es zeigt wieder die gespeicherte Version."], fieldErrors: {}, diagram: page.diagram, json: page.json };
    return json({ form: page.form, check, intent, revision }, { status: 400 });
  }
  let form = submission.value;
  if (intent === "fromJson") {
    const fromJson = formFromJson(getDb(), ctx, key, form.json ?? "");
    if ("errors" in fromJson) {
      const check = checkDraft(getDb(), ctx, key, form);
      return json({ form, check: { ...check, ok: false, formErrors: fromJson.errors, json: form.json ?? "" }, intent, revision }, { status: 422 });
    }
    form = fromJson.form;
  } else if (intent.startsWith("add:") || intent.startsWith("remove:")) {
    const next = applyEditIntent(form, intent);
    if (!next) return json({ form, check: checkDraft(getDb(), ctx, key, form), intent: "preview", revision }, { status: 400 });
    // A new, still empty entry is not an error yet: the list change shows the form without messages.
    const check = checkDraft(getDb(), ctx, key, next);
    return json({ form: next, check: { ...check, formErrors: [], fieldErrors: {} }, intent, revision });
  }
  if (intent === "save") {
    try {
      const { version } = transaction((tx) => deployDraft(tx, ctx, key, form));
      return redirect(`/verwaltung/ablaeufe/${key}?version=${version}&bereitgestellt=1`);
    } catch (error) {
      if (error instanceof DraftInvalidError) return json({ form, check: error.check, intent, revision }, { status: 422 });
      throw error;
    }
  }
  const check = checkDraft(getDb(), ctx, key, form);
  return json({ form, check, intent, revision }, { status: check.ok ? 200 : 422 });
}

export default function WorkflowDefinitionEditor() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/verwaltung">Verwaltung</Link> › <Link to="/verwaltung/ablaeufe">Abläufe</Link> ›{" "}
        <Link to={`/verwaltung/ablaeufe/${page.key}?version=${page.baseVersion}`}>{page.name}</Link> › Bearbeiten
      </p>
      <h1>{page.name} bearbeiten</h1>
      <p className="max-w-3xl text-slate-700">
        Das Formular zeigt Version {page.baseVersion}. Ändern Sie Status, Schritte, Rollen, Bedingungen und Wirkungen; gespeichert wird nach derselben Prüfung wie
        beim Bereitstellen per JSON als neue Version {page.nextVersion}. Die JSON-Ansicht bleibt unter{" "}
        <Link to={`/verwaltung/ablaeufe/${page.key}?version=${page.baseVersion}#json`}>Definition als JSON</Link> und im Formular unter „Als JSON bearbeiten“.
      </p>
      <DefinitionEditor
        key={result?.revision ?? "geladen"}
        name={page.name}
        subjectLabel={page.subjectLabel}
        baseVersion={page.baseVersion}
        nextVersion={page.nextVersion}
        catalog={page.catalog}
        subjectRoles={page.subjectRoles}
        choices={page.choices}
        form={result?.form ?? page.form}
        fieldErrors={result?.check.fieldErrors ?? {}}
        formErrors={(result?.check.formErrors ?? []) as string[]}
        checkedOk={result?.intent === "preview" && result.check.ok}
        diagram={result ? result.check.diagram : page.diagram}
        json={result?.check.json ?? page.json}
      />
    </div>
  );
}
