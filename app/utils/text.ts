/**
 * Text hygiene for everything users type or import. Removed are
 * - NUL and the other C0 control characters except tab, line feed and carriage return (they have no
 *   meaning in a form field, break PDFs and CSV files, and NUL cuts strings short in other tools), and DEL;
 * - the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069: they make
 *   text display in an order other than the one it is stored in ("Trojan Source"), e.g. a receipt
 *   number or an e-mail address that reads differently from what is saved.
 * Kept are the direction marks U+200E, U+200F and U+061C: they only affect the neutral characters
 * next to them, cannot reorder a whole string, and are needed to write mixed Arabic/Hebrew and
 * Latin names correctly.
 * Stripping (instead of refusing with a field error) is deliberate: the characters are invisible,
 * so a message could not show the user what to change.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(value: string): string {
  return value.replace(UNSAFE, "");
}

/**
 * Cleans every text value of a form submission in place (files are left as they are). The CSRF
 * check calls this, so every form, with or without file upload, is cleaned before any schema sees it.
 */
export function cleanFormData(formData: FormData): void {
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key);
    if (values.every((v) => typeof v !== "string" || v === cleanText(v))) continue;
    formData.delete(key);
    for (const v of values) formData.append(key, typeof v === "string" ? cleanText(v) : v);
  }
}
