/**
 * The read API's response shapes, as zod schemas: the routes parse what they send through them,
 * and the OpenAPI document (openapi.ts) is generated from the same schemas.
 */
import { z } from "zod";
import { TRAINING_FORMATS, TRAINING_TOPICS } from "../../../db/schema/trainings";

export const apiRegistry = z.registry<{ id: string; description?: string }>();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe("Datum (ISO 8601, JJJJ-MM-TT)");
const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/).describe("Zeitpunkt (ISO 8601)");
const cents = z.number().int().describe("Betrag in Cent (Euro × 100)");
const basisPoints = z.number().int().describe("Anteil in Basispunkten (10 000 = 100 %)");

export const ApiErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string().describe("Deutsche Meldung") }) })
  .register(apiRegistry, { id: "Error", description: "Fehlerantwort" });

export const ProjectSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    fieldOfAction: z.string().describe("Handlungsfeld"),
    leadUnit: z.string().describe("federführende Organisationseinheit"),
    state: z.string().nullable().describe("Status im Ablauf (Schlüssel)"),
    stateLabel: z.string().nullable().describe("Status (deutsch)"),
    startDate: isoDate.nullable(),
    endDate: isoDate.nullable(),
    budgetPlannedCents: cents,
    budgetSpentCents: cents,
    ozgRelevant: z.boolean(),
    efaReuse: z.boolean().describe("Nachnutzung (Einer für Alle)"),
    classification: z.enum(["lighthouse", "onTrack", "laggard"]).nullable().describe("Ergebnis der Bewertung"),
    needsSupport: z.boolean().nullable().describe("Beratungsbedarf"),
    archived: z.boolean(),
    overdue: z.boolean(),
  })
  .register(apiRegistry, { id: "Project", description: "Digitalisierungsprojekt" });

export const ProjectPageSchema = z
  .object({
    data: z.array(ProjectSchema),
    page: z.number().int().min(1),
    pageCount: z.number().int().min(1),
    total: z.number().int().min(0),
  })
  .register(apiRegistry, { id: "ProjectPage", description: "Eine Seite der Projektliste (25 je Seite)" });

export const TrainingSessionSchema = z
  .object({
    id: z.number().int(),
    courseId: z.number().int(),
    courseTitle: z.string(),
    topic: z.enum(TRAINING_TOPICS),
    format: z.enum(TRAINING_FORMATS),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    sessionDate: isoDate,
    location: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    capacity: z.number().int().min(0),
    registrationDeadline: isoDate,
    registered: z.number().int().min(0),
    waitlisted: z.number().int().min(0),
    state: z.string().nullable(),
    stateLabel: z.string(),
  })
  .register(apiRegistry, { id: "TrainingSession", description: "Schulungstermin" });

export const TrainingSessionListSchema = z
  .object({ data: z.array(TrainingSessionSchema) })
  .register(apiRegistry, { id: "TrainingSessionList" });

const coverageFigures = {
  employees: z.number().int().min(0),
  covered: z.number().int().min(0).describe("geschult (12 Monate) und alle Pflichtschulungen aktuell"),
  trainedRecently: z.number().int().min(0).describe("mindestens eine Schulung in den letzten 12 Monaten"),
  coverageBp: basisPoints.nullable(),
  meetsTarget: z.boolean().nullable(),
};

export const TrainingCoverageSchema = z
  .object({
    targetBp: basisPoints.describe("Zielquote der Digitalagenda"),
    total: z.object(coverageFigures),
    units: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), ...coverageFigures })),
  })
  .register(apiRegistry, { id: "TrainingCoverage", description: "Schulungsquote der Kommune und je Einheit" });

export const FundingApplicationSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    projectTitle: z.string(),
    programmeName: z.string(),
    state: z.string(),
    stateLabel: z.string(),
    plannedCents: cents.describe("geplante Gesamtausgaben"),
    grantCents: cents.describe("Zuwendung nach Finanzierungsplan"),
    grantedCents: cents.nullable().describe("bewilligte Zuwendung"),
    receivedCents: cents.describe("abgerufen und eingegangen"),
    spentCents: cents.describe("anerkannte Ausgaben"),
    ownContributionCents: cents.describe("Eigenanteil"),
  })
  .register(apiRegistry, { id: "FundingApplication", description: "Förderantrag mit seinen Beträgen" });

export const FundingApplicationListSchema = z
  .object({ data: z.array(FundingApplicationSchema) })
  .register(apiRegistry, { id: "FundingApplicationList" });

/** Query of GET /api/v1/projects; malformed values are a 400, not a silent default. */
export const ProjectQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  q: z.string().trim().max(100).optional(),
  phase: z.enum(["running", "closed"]).optional(),
  archived: z.enum(["true", "false"]).default("false"),
});

export const TrainingSessionQuerySchema = z.object({
  from: isoDate.optional(),
  before: isoDate.optional(),
});
