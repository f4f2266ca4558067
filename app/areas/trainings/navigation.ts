import type { Permission } from "../../utils/permissions";

/**
 * Sub-pages of the training area the caller may open. `staffList` says whether the caller may open
 * the Beschäftigte list (see `mayOpenStaffList`); a tab that would answer 403 is not shown.
 */
export function trainingNavLinks(can: (p: Permission) => boolean, staffList: boolean): { to: string; label: string }[] {
  return [
    { to: "/schulungen", label: "Übersicht", show: true },
    { to: "/schulungen/formate", label: "Schulungsformate", show: true },
    { to: "/schulungen/pflichtschulungen", label: "Pflichtschulungen", show: true },
    { to: "/schulungen/extern", label: "Externe Fortbildungen", show: can("training.register") },
    { to: "/beschaeftigte", label: "Beschäftigte", show: staffList },
    { to: "/schulungen/einstellungen", label: "Einstellungen", show: can("training.manage") },
  ]
    .filter((l) => l.show)
    .map(({ to, label }) => ({ to, label }));
}
