import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The frame of the pages before login (Anmelden, Passwort vergessen). */
export function PublicPage({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-brand-800 px-6 py-4 text-white">
        <p className="text-xl font-semibold">Fahrplan</p>
        <p className="text-sm text-brand-100">Digitalagenda, Projekte, Schulungen und Förderung für Kommunen</p>
      </header>
      <main id="inhalt" className="mx-auto mt-12 w-full max-w-md px-4">
        <div className="card">{children}</div>
      </main>
      <footer className="mt-auto border-t border-slate-200 bg-white px-4 py-3 text-center text-xs text-slate-600">
        Fahrplan – Digitalisierung für Kommunen ·{" "}
        <Link to="/barrierefreiheit" className="underline">
          Erklärung zur Barrierefreiheit
        </Link>
      </footer>
    </div>
  );
}
