import type { Permission } from "../../utils/permissions";

export interface AdminPage {
  to: string;
  label: string;
  description: string;
  permission: Permission;
}

/** The pages under /verwaltung; the index shows those the caller's role may use. Areas add theirs here. */
export const ADMIN_PAGES: AdminPage[] = [
  {
    to: "/verwaltung/benutzer",
    label: "Benutzer und Rollen",
    description: "Personen Zugang zur Kommune geben, Rollen ändern, Konten mit Beschäftigten verknüpfen.",
    permission: "admin.users",
  },
  {
    to: "/verwaltung/anmeldung",
    label: "Anmeldung über Single Sign-on",
    description: "Den Identitätsanbieter der Kommune (OpenID Connect) anbinden und Gruppen den Rollen zuordnen.",
    permission: "admin.users",
  },
  {
    to: "/verwaltung/organisation",
    label: "Organisation",
    description: "Fachbereiche, Ämter und kommunale Unternehmen des Konzerns Stadt anlegen, umbenennen und verschieben.",
    permission: "org.edit",
  },
  {
    to: "/verwaltung/ablaeufe",
    label: "Abläufe",
    description: "Ablaufdefinitionen mit Versionen und laufenden Vorgängen ansehen, eigene Versionen bereitstellen und Vorgänge migrieren.",
    permission: "workflow.view",
  },
  {
    to: "/verwaltung/protokoll",
    label: "Änderungsprotokoll",
    description: "Alle Änderungen und Anmeldungen in Ihrer Kommune nachvollziehen, gefiltert nach Bereich, Aktion, Person und Zeitraum.",
    permission: "audit.view",
  },
  {
    to: "/verwaltung/barrierefreiheit",
    label: "Rückmeldungen zur Barrierefreiheit",
    description: "Gemeldete Barrieren und Anfragen aus dem Formular der Erklärung zur Barrierefreiheit lesen und beantworten.",
    permission: "feedback.view",
  },
  {
    to: "/verwaltung/postausgang",
    label: "Postausgang",
    description: "E-Mails der Kommune mit Stand, Versuchen und letztem Fehler; fehlgeschlagene erneut senden.",
    permission: "mail.manage",
  },
];
