import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * A GET filter form: the fields, an "Anzeigen" button and, where `resetTo` is given, a link
 * "Filter zurücksetzen" to the unfiltered page. `label` names the form for screen readers.
 */
export function FilterBar({
  label,
  resetTo,
  className = "flex flex-wrap items-end gap-3",
  children,
}: {
  label?: string;
  resetTo?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form method="get" className={className} aria-label={label}>
      {children}
      <button type="submit" className="btn-secondary">
        Anzeigen
      </button>
      {resetTo ? (
        <Link to={resetTo} className="py-2 text-sm">
          Filter zurücksetzen
        </Link>
      ) : null}
    </Form>
  );
}
