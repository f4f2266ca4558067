import { ADMIN_PAGES } from "~/areas/org/admin-pages";
import type { Permission } from "~/utils/permissions";

export interface NavItem {
  to: string;
  label: string;
  /** Shown when the caller has any of these permissions. */
  permissions: Permission[];
}

/** The main navigation, in the product's order. An area appears here once it is built. */
export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "Übersicht", permissions: ["dashboard.view"] },
  { to: "/agenda", label: "Digitalagenda", permissions: ["agenda.view"] },
  { to: "/projekte", label: "Projekte", permissions: ["project.view"] },
  { to: "/fahrplan", label: "Fahrplan", permissions: ["project.view"] },
  { to: "/reifegrad", label: "Reifegrad", permissions: ["maturity.view"] },
  { to: "/ozg", label: "OZG-Leistungen", permissions: ["ozg.view"] },
  { to: "/teams", label: "Teams", permissions: ["team.view"] },
  { to: "/schulungen", label: "Schulungen", permissions: ["training.view"] },
  { to: "/foerderung", label: "Förderung", permissions: ["funding.view"] },
  { to: "/berichte", label: "Berichte", permissions: ["report.view"] },
  { to: "/aufgaben", label: "Meine Aufgaben", permissions: ["task.view"] },
  { to: "/verwaltung", label: "Verwaltung", permissions: ADMIN_PAGES.map((page) => page.permission) },
];
