import {
  type FieldMetadata,
  getInputProps,
  getSelectProps,
  getTextareaProps,
} from "@conform-to/react";
import { useId } from "react";

type InputType = Parameters<typeof getInputProps>[1]["type"];

function ErrorText({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {errors.join(" ")}
    </p>
  );
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p id={id} className="hint">
      {hint}
    </p>
  ) : null;
}

/** Labelled input bound to a Conform field; errors are tied to it with aria-describedby. */
export function TextField({
  label,
  meta,
  type = "text",
  hint,
  className,
  ...rest
}: {
  label: string;
  meta: FieldMetadata<string | number | Date | undefined | null>;
  type?: InputType;
  hint?: string;
  className?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "id">) {
  const hintId = `${meta.id}-hint`;
  const props = getInputProps(meta as FieldMetadata<string>, { type, ariaAttributes: true });
  const describedBy = [props["aria-describedby"], hint ? hintId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <input {...props} {...rest} aria-describedby={describedBy} className="input" />
      <Hint id={hintId} hint={hint} />
      <ErrorText id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextareaField({
  label,
  meta,
  hint,
  rows = 4,
  className,
}: {
  label: string;
  meta: FieldMetadata<string | undefined | null>;
  hint?: string;
  rows?: number;
  className?: string;
}) {
  const hintId = `${meta.id}-hint`;
  const props = getTextareaProps(meta as FieldMetadata<string>, { ariaAttributes: true });
  const describedBy = [props["aria-describedby"], hint ? hintId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <textarea {...props} rows={rows} aria-describedby={describedBy} className="input" />
      <Hint id={hintId} hint={hint} />
      <ErrorText id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  label,
  meta,
  options,
  placeholder,
  hint,
  className,
}: {
  label: string;
  meta: FieldMetadata<string | number | undefined | null>;
  options: { value: string | number; label: string }[];
  placeholder?: string;
  hint?: string;
  className?: string;
}) {
  const hintId = `${meta.id}-hint`;
  const props = getSelectProps(meta as FieldMetadata<string>, { ariaAttributes: true });
  const describedBy = [props["aria-describedby"], hint ? hintId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <select {...props} aria-describedby={describedBy} className="input">
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Hint id={hintId} hint={hint} />
      <ErrorText id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export type OptionGroup = { label: string; options: { value: string | number; label: string }[] };

/** A select like SelectField whose options are grouped (`<optgroup>`), e.g. employees by unit. */
export function GroupedSelectField({
  label,
  meta,
  groups,
  placeholder,
  hint,
  className,
}: {
  label: string;
  meta: FieldMetadata<unknown>;
  groups: OptionGroup[];
  placeholder?: string;
  hint?: string;
  className?: string;
}) {
  const hintId = `${meta.id}-hint`;
  const props = getSelectProps(meta as FieldMetadata<string>, { ariaAttributes: true });
  const describedBy = [props["aria-describedby"], hint ? hintId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <select {...props} aria-describedby={describedBy} className="input">
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {groups.map((g, i) => (
          // Group labels may repeat (two units of the same name); the position is stable here.
          <optgroup key={i} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <Hint id={hintId} hint={hint} />
      <ErrorText id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function CheckboxField({
  label,
  meta,
  className,
}: {
  label: string;
  meta: FieldMetadata<boolean | string | undefined | null>;
  className?: string;
}) {
  const props = getInputProps(meta as FieldMetadata<string>, { type: "checkbox", ariaAttributes: true });
  return (
    <div className={className}>
      <div className="flex items-center gap-2">
        <input {...props} className="h-4 w-4" />
        <label htmlFor={meta.id} className="text-sm">
          {label}
        </label>
      </div>
      <ErrorText id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/**
 * Checkboxes sharing one name (a multi-select), with a legend and errors tied to the group. The error
 * id defaults to `<name>-error`; `emptyText` is shown when there is nothing to choose from.
 */
export function CheckboxGroup({
  legend,
  name,
  selected,
  options,
  hint,
  errors,
  errorId = `${name}-error`,
  emptyText,
}: {
  legend: string;
  name: string;
  selected: Iterable<string>;
  options: { value: string | number; label: string }[];
  hint?: string;
  errors?: string[];
  errorId?: string;
  emptyText?: string;
}) {
  const checked = new Set(selected);
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="label">{legend}</legend>
      {hint ? <p className="hint mb-2">{hint}</p> : null}
      {emptyText && options.length === 0 ? <p className="text-sm text-slate-600">{emptyText}</p> : null}
      <ul className="max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-300 p-2">
        {options.map((o) => (
          <li key={o.value} className="flex items-center gap-2">
            <input type="checkbox" id={`${name}-${o.value}`} name={name} value={o.value} defaultChecked={checked.has(String(o.value))} className="h-4 w-4" />
            <label htmlFor={`${name}-${o.value}`} className="text-sm">
              {o.label}
            </label>
          </li>
        ))}
      </ul>
      <ErrorText id={errorId} errors={errors} />
    </fieldset>
  );
}

/** Form-level errors (not tied to one field), announced to screen readers. */
export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
  const fallback = useId();
  if (!errors?.length) return null;
  return (
    <div id={id ?? fallback} className="alert-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

/**
 * A select of a GET filter form: label above, the current value preselected and, unless `all` is
 * false, a first option "alle" for no filter.
 */
export function FilterSelect({
  id,
  name,
  label,
  value,
  options,
  all = true,
}: {
  id: string;
  name: string;
  label: string;
  value: string | number | null | undefined;
  options: { value: string | number; label: string }[];
  all?: boolean;
}) {
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className="input">
        {all ? <option value="">alle</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A search field of a GET filter form, the current value prefilled. */
export function FilterSearch({ id, name, label, value }: { id: string; name: string; label: string; value: string | null | undefined }) {
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input id={id} name={name} type="search" defaultValue={value ?? ""} className="input" />
    </div>
  );
}

/** New password and its repetition, with the password rule as hint (account page and reset link). */
export function NewPasswordFields({
  newPassword,
  repeatPassword,
}: {
  newPassword: FieldMetadata<string | number | Date | undefined | null>;
  repeatPassword: FieldMetadata<string | number | Date | undefined | null>;
}) {
  return (
    <>
      <TextField
        label="Neues Passwort"
        meta={newPassword}
        type="password"
        autoComplete="new-password"
        hint="Mindestens 12 Zeichen. Ein Satz aus mehreren Wörtern ist sicher und gut zu merken."
        required
      />
      <TextField label="Neues Passwort wiederholen" meta={repeatPassword} type="password" autoComplete="new-password" required />
    </>
  );
}
