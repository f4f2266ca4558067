/* The columns and limits of the project CSV, apart from the reader and writer (which need Node-only packages) so the import page can show them. */

export const CSV_COLUMNS = [
  "ID",
  "Version",
  "Titel",
  "Beschreibung",
  "Handlungsfeld",
  "Federführende Einheit",
  "Beteiligte Einheiten",
  "Projektleitung (E-Mail)",
  "Beginn",
  "Ende",
  "Budget geplant (EUR)",
  "Budget verausgabt (EUR)",
  "OZG-relevant",
  "Nachnutzung/EfA",
  "Ziele",
  "Status",
] as const;

/**
 * Rows per file. An import runs inside one write transaction on the request path, which blocks
 * other writers meanwhile; this cap keeps that under about a second (see docs/areas/agenda-projects.md for the figures).
 */
export const MAX_IMPORT_ROWS = 1000;
