import { z } from "zod";
import { apiRegistry } from "./schemas";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function jsonResponse(description: string, schemaId: string) {
  return { description, content: { "application/json": { schema: ref(schemaId) } } };
}

const errors = {
  "400": jsonResponse("Ungültige Abfrageparameter", "Error"),
  "401": jsonResponse("Kein oder kein gültiges Token", "Error"),
  "403": jsonResponse("Die Rolle des Token-Inhabers darf das nicht lesen", "Error"),
  "429": jsonResponse("Zu viele Anfragen (Header Retry-After)", "Error"),
};

function get(operationId: string, summary: string, okSchema: string, parameters: object[] = []) {
  return {
    get: {
      operationId,
      summary,
      parameters,
      security: [{ bearerToken: [] }],
      responses: { "200": jsonResponse(summary, okSchema), ...errors },
    },
  };
}

const query = (name: string, description: string, schema: object) => ({ name, in: "query", required: false, description, schema });

/** The OpenAPI 3.1 document of /api/v1, its schemas generated from the zod schemas the routes use. */
export function openApiDocument(serverUrl: string) {
  const { schemas } = z.toJSONSchema(apiRegistry, {
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
    io: "output",
  });
  const components = Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Fahrplan – Lese-API",
      version: "1.0.0",
      description:
        "Lesender Zugriff auf die Daten einer Kommune mit einem persönlichen API-Token (Mein Konto → API-Token). Das Token handelt mit den Rechten seiner Inhaberin bzw. seines Inhabers in genau einer Kommune. Geldbeträge in Cent, Quoten in Basispunkten, Datumswerte nach ISO 8601.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    paths: {
      "/projects": get("listProjects", "Projekte der Kommune", "ProjectPage", [
        query("page", "Seite (ab 1, 25 Projekte je Seite)", { type: "integer", minimum: 1, maximum: 10000 }),
        query("q", "Suche im Titel", { type: "string", maxLength: 100 }),
        query("phase", "nur laufende bzw. abgeschlossene Projekte", { type: "string", enum: ["running", "closed"] }),
        query("archived", "archivierte Projekte statt der aktiven", { type: "string", enum: ["true", "false"] }),
      ]),
      "/training-sessions": get("listTrainingSessions", "Schulungstermine", "TrainingSessionList", [
        query("from", "Termine ab diesem Tag (JJJJ-MM-TT)", { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" }),
        query("before", "Termine vor diesem Tag (JJJJ-MM-TT)", { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" }),
      ]),
      "/training-coverage": get("getTrainingCoverage", "Schulungsquote", "TrainingCoverage"),
      "/funding-applications": get("listFundingApplications", "Förderanträge mit Beträgen", "FundingApplicationList"),
    },
    components: {
      schemas: components,
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "Persönliches API-Token (fp_…)" } },
    },
  };
}
