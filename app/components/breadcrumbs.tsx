import { Link } from "@remix-run/react";

export type Crumb = { to?: string; label: string };

/**
 * Breadcrumb trail above a page's heading: a navigation landmark "Brotkrumen" with an ordered list.
 * Entries with `to` are links; the last entry is the current page (`aria-current="page"`).
 */
export function Breadcrumbs({ items, className }: { items: Crumb[]; className?: string }) {
  return (
    <nav aria-label="Brotkrumen" className={className ? `text-sm ${className}` : "text-sm"}>
      <ol className="flex flex-wrap gap-1">
        {items.map((item, i) => {
          const current = i === items.length - 1;
          return (
            // The position is a stable key here (the trail is fixed per page; labels may repeat).
            <li key={i} className="flex gap-1">
              {i > 0 ? <span aria-hidden="true">›</span> : null}
              {item.to && !current ? (
                <Link to={item.to}>{item.label}</Link>
              ) : (
                <span aria-current={current ? "page" : undefined}>{item.label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
