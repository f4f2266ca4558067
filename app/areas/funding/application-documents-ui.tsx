import type { SerializeFrom } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, SelectField } from "~/components/forms";
import { formatDate } from "~/utils/format";
import { DocumentUploadSchema } from "./application-forms";
import type { ApplicationDetail } from "./application-page.server";
import { MAX_DOCUMENT_BYTES } from "./documents";
import { type IntentActionData, Success, useIntentForm } from "./intent-form";
import { DOCUMENT_TYPE_LABELS } from "./labels";

type LoaderData = SerializeFrom<ApplicationDetail>;

export function Documents({ data }: { data: LoaderData }) {
  const [form, fields] = useIntentForm("upload", DocumentUploadSchema);
  const actionData = useActionData() as IntentActionData;
  const fileErrors = actionData?.intent === "upload" ? actionData.result.error?.file : undefined;
  return (
    <section aria-labelledby="dokumente" className="card space-y-3">
      <h2 id="dokumente">Dokumente</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Art</th>
            <th scope="col">Datei</th>
            <th scope="col" className="num">Größe</th>
            <th scope="col">Hochgeladen</th>
          </tr>
        </thead>
        <tbody>
          {data.documents.length === 0 && (
            <tr>
              <td colSpan={4}>Noch keine Dokumente.</td>
            </tr>
          )}
          {data.documents.map((d) => (
            <tr key={d.id}>
              <td>{DOCUMENT_TYPE_LABELS[d.documentType]}</td>
              <td>
                <a href={`/foerderung/antraege/${data.app.id}/dokumente/${d.id}`}>{d.fileName}</a>
              </td>
              <td className="num">{Math.max(1, Math.round(d.sizeBytes / 1024))} KB</td>
              <td>{formatDate(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.permissions.edit && (
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="upload" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField label="Art des Dokuments" meta={fields.documentType} placeholder="Bitte wählen" options={Object.entries(DOCUMENT_TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
          <div>
            <label htmlFor="dokument-datei" className="label">Datei (PDF, Bild, Office; höchstens {MAX_DOCUMENT_BYTES / 1024 / 1024} MB)</label>
            <input id="dokument-datei" type="file" name="file" className="input" aria-invalid={fileErrors ? true : undefined} aria-describedby={fileErrors ? "dokument-datei-fehler" : undefined} />
            {fileErrors && <p id="dokument-datei-fehler" className="field-error" role="alert">{fileErrors.join(" ")}</p>}
          </div>
          <button type="submit" className="btn-primary">Hochladen</button>
        </Form>
      )}
      <Success intent="upload" />
    </section>
  );
}
