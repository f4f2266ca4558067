import type { Role } from "../../db/schema/org";

/**
 * The permission matrix: for each action, the roles that may perform it in a Kommune.
 * This is the only place where roles are mapped to rights; loaders and actions check
 * actions, never roles. docs/permissions.md shows this table.
 */
export const PERMISSIONS = {
  "dashboard.view": ["admin", "cdo", "projectLead", "finance", "staff", "viewer", "rollInManager"],
  "agenda.view": ["admin", "cdo", "projectLead", "finance", "staff", "viewer", "rollInManager"],
  "agenda.edit": ["admin", "cdo", "rollInManager"],
  "project.view": ["admin", "cdo", "projectLead", "finance", "staff", "viewer", "rollInManager"],
  "project.edit": ["admin", "cdo", "projectLead", "rollInManager"],
  "project.assess": ["admin", "cdo", "rollInManager"],
  "assessment.configure": ["admin", "cdo", "rollInManager"],
  "maturity.view": ["admin", "cdo", "projectLead", "finance", "viewer", "rollInManager"],
  "maturity.rate": ["admin", "cdo", "projectLead", "rollInManager"],
  "maturity.finalise": ["admin", "cdo", "rollInManager"],
  "project.import": ["admin", "cdo", "rollInManager"],
  "ozg.view": ["admin", "cdo", "projectLead", "finance", "staff", "viewer", "rollInManager"],
  "ozg.edit": ["admin", "cdo", "rollInManager"],
  "team.view": ["admin", "cdo", "projectLead", "finance", "staff", "viewer", "rollInManager"],
  "team.edit": ["admin", "cdo", "projectLead", "rollInManager"],
  "training.view": ["admin", "cdo", "projectLead", "finance", "staff", "viewer", "rollInManager"],
  "training.register": ["admin", "cdo", "projectLead", "finance", "staff", "rollInManager"],
  "training.manage": ["admin", "cdo", "rollInManager"],
  "training.recordAttendance": ["admin", "cdo", "rollInManager"],
  "training.viewPersonalData": ["admin", "cdo"],
  "employee.view": ["admin", "cdo", "rollInManager"],
  "employee.edit": ["admin"],
  "funding.view": ["admin", "cdo", "projectLead", "finance", "viewer", "rollInManager"],
  "funding.edit": ["admin", "cdo", "projectLead", "finance", "rollInManager"],
  "funding.confirmOwnContribution": ["finance"],
  "funding.approve": ["admin", "cdo", "finance", "rollInManager"],
  "funding.recordExpenditure": ["admin", "finance", "cdo", "rollInManager"],
  "funding.manageLocalProgrammes": ["admin", "cdo", "finance", "rollInManager"],
  "report.view": ["admin", "cdo", "projectLead", "finance", "viewer", "rollInManager"],
  "report.generate": ["admin", "cdo", "projectLead", "finance", "rollInManager"],
  "report.manageLogo": ["admin", "cdo"],
  "workflow.view": ["admin", "cdo", "rollInManager"],
  "workflow.deploy": ["admin", "cdo"],
  "workflow.migrate": ["admin", "cdo"],
  "task.view": ["admin", "cdo", "projectLead", "finance", "staff", "viewer", "rollInManager"],
  "programme.confirm": ["admin", "cdo"],
  "audit.view": ["admin", "cdo"],
  "feedback.view": ["admin", "cdo"],
  "mail.manage": ["admin"],
  "api.tokens": ["admin", "cdo", "projectLead", "finance", "staff", "viewer", "rollInManager"],
  "admin.users": ["admin"],
  "org.edit": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administration",
  cdo: "CDO / Digitalverantwortliche",
  projectLead: "Projektleitung",
  finance: "Kämmerei",
  staff: "Mitarbeiter/in",
  viewer: "Lesezugriff (z. B. Rat)",
  rollInManager: "Roll-in-Service",
};

export const PERMISSION_LABELS: Record<Permission, string> = {
  "dashboard.view": "Übersicht ansehen",
  "agenda.view": "Digitalagenda ansehen",
  "agenda.edit": "Digitalagenda bearbeiten",
  "project.view": "Projekte ansehen",
  "project.edit": "Projekte anlegen und bearbeiten",
  "project.assess": "Projekte bewerten",
  "assessment.configure": "Bewertungskriterien und Gewichte anpassen",
  "maturity.view": "Reifegrad und Vergleich ansehen",
  "maturity.rate": "Zur Selbstbewertung beitragen",
  "maturity.finalise": "Selbstbewertung beginnen und abschließen",
  "project.import": "Projekte importieren",
  "ozg.view": "OZG-Leistungen und ihren Stand ansehen",
  "ozg.edit": "Stand der OZG-Leistungen (Anbindung, Reifegrad) pflegen",
  "team.view": "Teams ansehen",
  "team.edit": "Teams bearbeiten",
  "training.view": "Schulungen ansehen",
  "training.register": "Für Schulungen anmelden",
  "training.manage": "Schulungen verwalten",
  "training.recordAttendance": "Anwesenheit erfassen",
  "training.viewPersonalData": "Schulungsnachweise mit Namen sehen",
  "employee.view": "Beschäftigte ansehen",
  "employee.edit": "Beschäftigte bearbeiten und importieren",
  "funding.view": "Förderung ansehen",
  "funding.edit": "Förderanträge bearbeiten",
  "funding.confirmOwnContribution": "Eigenanteil bestätigen",
  "funding.approve": "Förderantrag freigeben (Vier-Augen-Prinzip)",
  "funding.recordExpenditure": "Ausgaben und Mittelabrufe erfassen",
  "funding.manageLocalProgrammes": "Eigene Förderprogramme pflegen",
  "report.view": "Berichte ansehen",
  "report.generate": "Berichte erzeugen",
  "report.manageLogo": "Logo für Berichte hochladen",
  "workflow.view": "Abläufe ansehen",
  "workflow.deploy": "Abläufe bereitstellen",
  "workflow.migrate": "Vorgänge migrieren",
  "task.view": "Eigene Aufgaben ansehen",
  "programme.confirm": "Schritte eines Roll-in-Programms bestätigen",
  "audit.view": "Änderungsprotokoll ansehen",
  "feedback.view": "Rückmeldungen zur Barrierefreiheit ansehen",
  "mail.manage": "Postausgang (E-Mails) ansehen und erneut senden",
  "api.tokens": "Eigene API-Token anlegen (nur Lesen, mit den eigenen Rechten)",
  "admin.users": "Benutzer und Rollen verwalten",
  "org.edit": "Organisationseinheiten anlegen, ändern und verschieben",
};

/**
 * The roles a permission grants, in the matrix's order: for lists that must follow the matrix, e.g.
 * the roles of the built-in workflow steps.
 */
export function rolesWith(permission: Permission): Role[] {
  return [...PERMISSIONS[permission]];
}

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/**
 * For area functions that change data: the first line of each, so that a route that forgets its
 * check cannot open a bypass. Throws the same 403 answer as `forbidden()` in http.server.ts
 * (a thrown Response, which Remix shows on the error page), built here so this module stays free of
 * server imports. Background jobs and seeds pass the role they act for.
 */
export function assertCan(caller: { readonly role: Role | null }, permission: Permission): void {
  if (can(caller.role, permission)) return;
  const message = `Dafür fehlt Ihnen die Berechtigung: „${PERMISSION_LABELS[permission]}“.`;
  throw new Response(JSON.stringify({ message }), {
    status: 403,
    statusText: "Forbidden",
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
}
