import { Form, NavLink } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";

/**
 * The provider pages' own navigation under the main navigation. A member of several Kommunen
 * (no provider) gets only the cockpit and the inbox; "Zuordnung" only who may assign (`provider.assign`).
 */
export function RollinTabs({ member = false, canAssign }: { member?: boolean; canAssign: boolean }) {
  const items = [
    { to: "/roll-in", label: "Cockpit", end: true },
    { to: "/roll-in/aufgaben", label: "Aufgaben aller Kommunen", end: false },
    { to: "/roll-in/vorlagen", label: "Programmvorlagen", end: false },
    ...(canAssign ? [{ to: "/roll-in/zuordnung", label: "Zuordnung", end: false }] : []),
  ];
  const shown = member ? items.filter((item) => MEMBER_TABS.includes(item.to)) : items;
  return (
    <nav aria-label={member ? "Meine Kommunen" : "Roll-in-Service"} className="no-print border-b border-slate-300">
      <ul className="flex flex-wrap gap-1">
        {shown.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.end}
              className={({ isActive }) => `block px-3 py-2 text-sm no-underline ${isActive ? "border-b-4 border-brand-700 font-semibold text-slate-900" : "text-brand-700 hover:underline"}`}
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const MEMBER_TABS: readonly string[] = ["/roll-in", "/roll-in/aufgaben"];

/**
 * One hidden switch form per Kommune; the figures of its row are submit buttons of this form
 * (`form` attribute) carrying their page as `returnTo`, so a click switches and opens the page.
 */
export function SwitchForm({ id, municipalityId }: { id: string; municipalityId: number }) {
  return (
    <Form method="post" action="/kommune-wechseln" id={id} className="hidden" reloadDocument>
      <CsrfInput />
      <input type="hidden" name="municipalityId" value={municipalityId} />
      <input type="hidden" name="open" value="record" />
    </Form>
  );
}

export function SwitchLink({ form, to, children, label }: { form: string; to: string; children: React.ReactNode; label: string }) {
  return (
    <button type="submit" form={form} name="returnTo" value={to} className="text-left text-brand-700 underline underline-offset-2 hover:decoration-2" aria-label={label}>
      {children}
    </button>
  );
}
