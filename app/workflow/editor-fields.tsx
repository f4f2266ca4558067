import type { ReactNode } from "react";
import type { FieldErrors, ParamField } from "./editor-form";

/**
 * Plain, server-rendered inputs of the definition editor. The form works without JavaScript:
 * every list button and the preview are submits; names follow Conform's path syntax
 * (`states[0].tasks[1].title`) so the action parses them into the editor form.
 */

export type Option = { value: string; label: string };

export const fieldId = (name: string) => `f-${name.replace(/[[\].]+/g, "-").replace(/-$/, "")}`;

export function Errors({ name, errors }: { name: string; errors: FieldErrors }) {
  const list = errors[name];
  if (!list?.length) return null;
  return (
    <p id={`${fieldId(name)}-fehler`} className="field-error">
      {list.join(" ")}
    </p>
  );
}

function described(name: string, errors: FieldErrors, hint?: string) {
  const ids = [errors[name]?.length ? `${fieldId(name)}-fehler` : "", hint ? `${fieldId(name)}-hinweis` : ""].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": errors[name]?.length ? true : undefined };
}

function Shell({ name, label, hint, errors, className, children }: { name: string; label: string; hint?: string; errors: FieldErrors; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={fieldId(name)} className="label">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${fieldId(name)}-hinweis`} className="hint">
          {hint}
        </p>
      )}
      <Errors name={name} errors={errors} />
    </div>
  );
}

export function Text(props: { name: string; label: string; value?: string; hint?: string; errors: FieldErrors; className?: string; inputMode?: "numeric" | "decimal" }) {
  return (
    <Shell {...props}>
      <input id={fieldId(props.name)} name={props.name} defaultValue={props.value ?? ""} inputMode={props.inputMode} className="input" {...described(props.name, props.errors, props.hint)} />
    </Shell>
  );
}

export function LongText(props: { name: string; label: string; value?: string; hint?: string; errors: FieldErrors; className?: string; rows?: number; mono?: boolean }) {
  return (
    <Shell {...props}>
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 2}
        defaultValue={props.value ?? ""}
        className={`input ${props.mono ? "font-mono text-xs" : ""}`}
        {...described(props.name, props.errors, props.hint)}
      />
    </Shell>
  );
}

export function Choice(props: { name: string; label: string; value?: string; options: Option[]; placeholder?: string; hint?: string; errors: FieldErrors; className?: string }) {
  const known = props.options.some((o) => o.value === props.value);
  return (
    <Shell {...props}>
      <select id={fieldId(props.name)} name={props.name} defaultValue={props.value ?? ""} className="input" {...described(props.name, props.errors, props.hint)}>
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {/* A value the list does not know (e.g. from pasted JSON) stays selectable, so the validator can name it. */}
        {props.value && !known && <option value={props.value}>{props.value} (unbekannt)</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function Checks({ name, legend, values, options, errors, hint }: { name: string; legend: string; values?: string[]; options: Option[]; errors: FieldErrors; hint?: string }) {
  const chosen = new Set(values ?? []);
  return (
    <fieldset className="min-w-0" aria-describedby={described(name, errors, hint)["aria-describedby"]}>
      <legend className="label">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={o.value} defaultChecked={chosen.has(o.value)} className="h-4 w-4" />
            {o.label}
          </label>
        ))}
      </div>
      {hint && (
        <p id={`${fieldId(name)}-hinweis`} className="hint">
          {hint}
        </p>
      )}
      <Errors name={name} errors={errors} />
    </fieldset>
  );
}

export function Flag({ name, label, checked, errors }: { name: string; label: string; checked?: boolean; errors: FieldErrors }) {
  return (
    <div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name={name} value="on" defaultChecked={checked === true} className="h-4 w-4" />
        {label}
      </label>
      <Errors name={name} errors={errors} />
    </div>
  );
}

/** A list button: adds or removes an entry and shows the form again (nothing is saved). */
export function ListButton({ intent, children, remove }: { intent: string; children: ReactNode; remove?: boolean }) {
  return (
    <button type="submit" name="intent" value={intent} formNoValidate className={remove ? "btn-secondary text-red-800" : "btn-secondary"}>
      {children}
    </button>
  );
}

/** The input of one guard or effect parameter, as its registered schema asks for it. */
export function ParamInput({ field, name, value, errors, transitions }: { field: ParamField; name: string; value: unknown; errors: FieldErrors; transitions: Option[] }) {
  const label = `${field.label ?? field.name}${field.required ? "" : " (optional)"}`;
  const text = value === undefined || value === null ? "" : String(value);
  const options = (field.options ?? []).map((o) => ({ value: o, label: field.optionLabels?.[o] ?? o }));
  switch (field.kind) {
    case "boolean":
      return <Flag name={name} label={label} checked={value === true || value === "on"} errors={errors} />;
    case "select":
      return <Choice name={name} label={label} value={text} options={options} placeholder="– bitte wählen –" errors={errors} />;
    case "transition":
      return <Choice name={name} label={label} value={text} options={transitions} placeholder="– bitte wählen –" errors={errors} />;
    case "multi":
      return <Checks name={name} legend={label} values={Array.isArray(value) ? value.map(String) : text ? [text] : []} options={options} errors={errors} />;
    case "lines":
      return <LongText name={name} label={label} value={text} hint="Ein Wert je Zeile." errors={errors} />;
    case "pairLines":
      return <LongText name={name} label={label} value={text} rows={3} hint="Je Zeile ein Datenfeld, optional mit Bezeichnung: „endDate | Geplantes Ende“." errors={errors} />;
    case "json":
      return <LongText name={name} label={label} value={text} mono hint={'Als JSON, z. B. {"field": "endDate"}.'} errors={errors} />;
    case "euro":
      return <Text name={name} label={label} value={text} inputMode="decimal" hint="Betrag in Euro, z. B. 100.000,00." errors={errors} />;
    case "number":
      return <Text name={name} label={label} value={text} inputMode="numeric" errors={errors} />;
    default:
      return <Text name={name} label={label} value={text} errors={errors} />;
  }
}
