import { formatDate, formatDateTime, formatEuro, formatPercentBp } from "../../utils/format";
import { ROLE_LABELS } from "../../utils/permissions";
import type { Role } from "../../../db/schema/org";

/**
 * German wording for the audit log: entity and action names as stored (English identifiers from
 * the glossary) and the changed fields shown as "before → after". Unknown names fall back to the
 * stored identifier, so entries of any area stay readable.
 */
export const ENTITY_LABELS: Record<string, string> = {
  session: "Sitzung",
  seed: "Demodaten",
  user: "Benutzer/in",
  membership: "Mitgliedschaft",
  municipality: "Kommune",
  unit: "Organisationseinheit",
  employee: "Mitarbeiter/in",
  agenda: "Digitalagenda",
  goal: "Ziel",
  indicator: "Kennzahl",
  project: "Projekt",
  milestone: "Meilenstein",
  dependency: "Abhängigkeit",
  risk: "Risiko",
  assessment: "Bewertung",
  team: "Team",
  teamMember: "Teammitglied",
  trainingCourse: "Schulung",
  trainingSession: "Schulungstermin",
  registration: "Anmeldung",
  attendance: "Teilnahme",
  externalTraining: "Externe Fortbildung",
  fundingProgramme: "Förderprogramm",
  fundingApplication: "Förderantrag",
  grantDecision: "Zuwendungsbescheid",
  drawdown: "Mittelabruf",
  expenditure: "Ausgabe",
  interimReport: "Zwischennachweis",
  finalReport: "Verwendungsnachweis",
  workflowDefinition: "Ablauf",
  workflowInstance: "Vorgang",
  task: "Aufgabe",
  document: "Dokument",
  report: "Bericht",
  projectAssessment: "Projektbewertung",
  assessmentCriterion: "Bewertungskriterium",
  fieldOfAction: "Handlungsfeld",
  deadline: "Frist",
  notification: "Benachrichtigung",
};

export const ACTION_LABELS: Record<string, string> = {
  create: "angelegt",
  update: "geändert",
  delete: "gelöscht",
  import: "importiert",
  login: "Anmeldung",
  logout: "Abmeldung",
  login_failed: "Fehlgeschlagene Anmeldung",
  login_blocked: "Anmeldung gesperrt (zu viele Versuche)",
  switch_municipality: "Kommune gewechselt",
  change_password: "Passwort geändert",
  seed_demo: "Demodaten angelegt",
  seed_scale: "Skalierungsdaten angelegt",
  transition: "Statuswechsel",
  start: "Vorgang gestartet",
  create_defaults: "Standardwerte angelegt",
  deploy: "bereitgestellt",
  migrate: "migriert",
};

export const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  shortName: "Kürzel",
  kind: "Art",
  parentId: "Übergeordnete Einheit (Nr.)",
  email: "E-Mail",
  role: "Rolle",
  userId: "Benutzer/in (Nr.)",
  employeeId: "Mitarbeiter/in (Nr.)",
  municipalityId: "Kommune (Nr.)",
  address: "Adresse",
  title: "Titel",
  description: "Beschreibung",
  status: "Status",
  state: "Status",
  startDate: "Beginn",
  endDate: "Ende",
  dueDate: "Fällig am",
  originalDueDate: "Ursprünglich geplant",
  amountCents: "Betrag",
  rateBp: "Quote",
  municipalities: "Kommunen",
  active: "Aktiv",
  comment: "Kommentar",
  transition: "Übergang",
  definition: "Ablauf",
  subject: "Gegenstand",
  fieldOfActionId: "Handlungsfeld (Nr.)",
  leadUnitId: "Federführende Einheit (Nr.)",
  unitId: "Einheit (Nr.)",
  projectId: "Projekt (Nr.)",
  projectIds: "Projekte (Nr.)",
  projectLeadEmployeeId: "Projektleitung (Nr.)",
  involvedUnitIds: "Beteiligte Einheiten (Nr.)",
  goalIds: "Ziele (Nr.)",
  members: "Mitglieder",
  budgetPlannedCents: "Budget geplant",
  budgetSpentCents: "Budget ausgegeben",
  ozgRelevant: "OZG-relevant",
  efaReuse: "Nachnutzung (EfA)",
  classification: "Einstufung",
  scores: "Bewertungen",
  score: "Punkte",
  criterion: "Kriterium",
  capacity: "Plätze",
  firstName: "Vorname",
  lastName: "Nachname",
  jobTitle: "Funktion",
  personnelNumber: "Personalnummer",
  isSupervisor: "Führungskraft",
  fileNumber: "Aktenzeichen",
  fundingPeriod: "Bewilligungszeitraum",
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
  role: ROLE_LABELS as Record<Role, string>,
  kind: {
    department: "Verwaltungseinheit",
    company: "Kommunales Unternehmen",
    stadt: "Stadt",
    gemeinde: "Gemeinde",
    landkreis: "Landkreis",
    amt: "Amt",
  },
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity;
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** One stored value as German text, using the field name for money, rates, roles and kinds. */
export function formatAuditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "boolean") return value ? "ja" : "nein";
  if (typeof value === "number") {
    if (field.endsWith("Cents")) return formatEuro(value);
    if (field.endsWith("Bp")) return formatPercentBp(value);
    return String(value);
  }
  if (typeof value === "string") {
    const mapped = VALUE_LABELS[field]?.[value];
    if (mapped) return mapped;
    if (ISO_DATE.test(value)) return formatDate(value);
    if (ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
    return value;
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => formatAuditValue(field, v)).join("; ") : "–";
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${fieldLabel(k)}: ${formatAuditValue(k, v)}`)
    .join(", ");
}

export type AuditChangeLine =
  | { type: "change"; field: string; label: string; before: string; after: string }
  | { type: "detail"; field: string; label: string; value: string };

function isBeforeAfter(value: unknown): value is [unknown, unknown] {
  return Array.isArray(value) && value.length === 2;
}

/**
 * The stored `changes` JSON as readable lines: `{ field: [before, after] }` becomes a change,
 * anything else (event details such as a login address) a detail.
 */
export function describeChanges(changesJson: string): AuditChangeLine[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(changesJson);
  } catch {
    return [{ type: "detail", field: "changes", label: "Inhalt", value: changesJson }];
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return [{ type: "detail", field: "changes", label: "Inhalt", value: formatAuditValue("changes", parsed) }];
  }
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([, value]) => !(isBeforeAfter(value) && value[0] == null && value[1] == null))
    .map(([field, value]) =>
      isBeforeAfter(value)
        ? {
            type: "change",
            field,
            label: fieldLabel(field),
            before: formatAuditValue(field, value[0]),
            after: formatAuditValue(field, value[1]),
          }
        : { type: "detail", field, label: fieldLabel(field), value: formatAuditValue(field, value) },
    );
}
