import { Link, useSearchParams } from "@remix-run/react";

/**
 * Page links for a list split into pages (`?seite=N`, the other query parameters kept). The
 * current page is text with aria-current, the others are links; nothing shows for one page.
 * `drop` names query parameters that must not travel to another page (e.g. a one-time notice).
 */
export function Pagination({ page, pages, label, drop = [] }: { page: number; pages: number; label: string; drop?: readonly string[] }) {
  const [params] = useSearchParams();
  if (pages <= 1) return null;
  const link = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("seite", String(p));
    for (const name of drop) next.delete(name);
    return `?${next}`;
  };
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2 text-sm">
      {Array.from({ length: pages }, (_, i) => i + 1).map((p) =>
        p === page ? (
          <span key={p} aria-current="page" className="font-semibold">
            Seite {p}
          </span>
        ) : (
          <Link key={p} to={link(p)}>
            Seite {p}
          </Link>
        ),
      )}
    </nav>
  );
}
