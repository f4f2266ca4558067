/** What a browser posts for the definition editor: one entry per field, repeated for checkbox groups, "on" for a ticked box. */
export function editorFormData(value: unknown, prefix = "", data = new FormData()): FormData {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === "string")) for (const v of value) data.append(prefix, v);
    else value.forEach((v, i) => editorFormData(v, `${prefix}[${i}]`, data));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) editorFormData(v, prefix ? `${prefix}.${k}` : k, data);
  } else if (value === true) data.append(prefix, "on");
  else if (typeof value === "string") data.append(prefix, value);
  return data;
}
