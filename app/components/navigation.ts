import type { Permission } from "~/utils/permissions";

export interface NavItem {
  to: string;
  label: string;
  permission: Permission;
}

/** The main navigation, in the product's order. An area appears here once it is built. */
export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "Übersicht", permission: "dashboard.view" },
  { to: "/verwaltung", label: "Verwaltung", permission: "audit.view" },
];
