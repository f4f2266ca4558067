import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { Breadcrumbs } from "~/components/breadcrumbs";

/** Remix links need a router around them; a memory router is enough for static markup. */
function render(element: ReactElement) {
  return renderToStaticMarkup(createElement(MemoryRouter, null, element));
}

describe("Breadcrumbs", () => {
  it("is a navigation landmark named Brotkrumen with an ordered list, links before the current page", () => {
    const html = render(
      createElement(Breadcrumbs, {
        items: [{ to: "/foerderung", label: "Förderung" }, { to: "/foerderung/programme", label: "Programmkatalog" }, { label: "Neu" }],
      }),
    );
    expect(html).toMatch(/^<nav aria-label="Brotkrumen" class="text-sm"><ol/);
    expect(html.match(/<li/g)).toHaveLength(3);
    expect(html).toContain('href="/foerderung">Förderung</a>');
    expect(html).toContain('href="/foerderung/programme">Programmkatalog</a>');
    expect(html).toContain('<span aria-current="page">Neu</span>');
    expect(html.match(/aria-current/g)).toHaveLength(1);
    // separators are decoration only
    expect(html.match(/<span aria-hidden="true">›<\/span>/g)).toHaveLength(2);
  });

  it("marks the last entry as current even if it carries a link, and a middle entry without one is plain text", () => {
    const html = render(createElement(Breadcrumbs, { items: [{ label: "Start" }, { label: "Start" }, { to: "/x", label: "Hier" }], className: "no-print" }));
    expect(html).toContain('class="text-sm no-print"');
    expect(html).toContain("<span>Start</span>");
    expect(html).toContain('<span aria-current="page">Hier</span>');
    expect(html).not.toContain("href");
  });
});
