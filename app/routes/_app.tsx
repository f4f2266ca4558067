import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NAV_ITEMS } from "~/components/navigation";
import { hasProgrammeSteps } from "~/areas/rollin/confirm.server";
import { providerRoleOf } from "~/areas/auth/access.server";
import { hasMemberCockpit } from "~/areas/rollin/cockpit-caller.server";
import { requireContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { ROLE_LABELS } from "~/utils/permissions";

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request);
  return json({
    user: { name: ctx.user.name, email: ctx.user.email },
    municipality: ctx.municipality,
    roleLabel: ROLE_LABELS[ctx.role],
    municipalities: ctx.municipalities.map((m) => ({ id: m.id, name: m.name })),
    nav: [
      // Provider staff start from their cockpit across all Kommunen; a member of several Kommunen
      // has the same cockpit over their memberships (they still land on the Übersicht after login).
      ...(providerRoleOf(ctx.user.id)
        ? [{ to: "/roll-in", label: "Roll-in-Cockpit" }]
        : hasMemberCockpit(ctx.municipalities)
          ? [{ to: "/roll-in", label: "Meine Kommunen" }]
          : []),
      ...NAV_ITEMS.filter((item) => item.permissions.some((p) => ctx.can(p))).map(({ to, label }) => ({ to, label })),
      ...(ctx.can("project.view") && hasProgrammeSteps(getDb(), ctx) ? [{ to: "/programmschritte", label: "Programmschritte" }] : []),
    ],
  });
}

function MunicipalitySwitcher({ current, options }: { current: number; options: { id: number; name: string }[] }) {
  const location = useLocation();
  if (options.length < 2) return null;
  return (
    <Form method="post" action="/kommune-wechseln" className="flex items-center gap-2">
      <CsrfInput />
      <input type="hidden" name="returnTo" value={location.pathname} />
      <label htmlFor="kommune-wechsel" className="text-sm text-brand-100">
        Kommune
      </label>
      <select
        id="kommune-wechsel"
        name="municipalityId"
        defaultValue={current}
        className="rounded border border-white/40 bg-brand-700 px-2 py-1 text-sm text-white"
      >
        {options.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-white/60 px-2 py-1 text-sm text-white hover:bg-brand-700">
        Wechseln
      </button>
    </Form>
  );
}

export default function AppLayout() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#inhalt"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-800"
      >
        Zum Inhalt springen
      </a>
      <header className="no-print bg-brand-800 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div>
            <p className="text-lg font-semibold">
              <a href="/" className="text-white no-underline">
                Fahrplan
              </a>
              <span className="mx-2 text-brand-100" aria-hidden="true">
                |
              </span>
              <span data-testid="current-municipality">{data.municipality.name}</span>
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-4">
            <MunicipalitySwitcher current={data.municipality.id} options={data.municipalities} />
            <p className="text-sm">
              <a href="/konto" className="text-white">
                {data.user.name}
              </a>{" "}
              <span className="text-brand-100">({data.roleLabel})</span>
            </p>
            <Form method="post" action="/logout">
              <CsrfInput />
              <button type="submit" className="rounded border border-white/60 px-2 py-1 text-sm text-white hover:bg-brand-700">
                Abmelden
              </button>
            </Form>
          </div>
        </div>
        <nav aria-label="Hauptnavigation" className="bg-brand-700">
          <ul className="mx-auto flex max-w-7xl flex-wrap gap-1 px-4">
            {data.nav.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.to === "/"}
                  className={({ isActive }) =>
                    `block px-3 py-2 text-sm text-white no-underline hover:bg-brand-800 ${isActive ? "bg-brand-800 font-semibold underline decoration-2 underline-offset-4" : ""}`
                  }
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="inhalt" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        <Outlet />
      </main>
      <footer className="no-print border-t border-slate-200 bg-white px-4 py-3 text-center text-xs text-slate-600">
        Fahrplan – Digitalisierung für Kommunen ·{" "}
        <Link to="/barrierefreiheit" className="underline">
          Erklärung zur Barrierefreiheit
        </Link>
      </footer>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <main id="inhalt" className="mx-auto max-w-3xl p-8">
      <GeneralErrorBoundary />
    </main>
  );
}
