import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ADMIN_PAGES } from "~/areas/org/admin-pages";
import { requireContext } from "~/utils/context.server";
import { forbidden } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Verwaltung – Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireContext(request);
  const pages = ADMIN_PAGES.filter((p) => ctx.can(p.permission)).map(({ to, label, description }) => ({ to, label, description }));
  if (pages.length === 0) forbidden();
  return json({ pages, municipality: ctx.municipality.name });
}

export default function AdminIndex() {
  const { pages, municipality } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>Verwaltung</h1>
      <p className="text-slate-700">Einstellungen und Nachweise für {municipality}.</p>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {pages.map((p) => (
          <li key={p.to} className="card">
            <h2>
              <Link to={p.to}>{p.label}</Link>
            </h2>
            <p className="mt-2 text-sm text-slate-700">{p.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
