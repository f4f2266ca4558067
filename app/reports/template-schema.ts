import { z } from "zod";
import { REPORT_TYPES } from "./data/types";

/**
 * The declarative report template format (templates/<type>.json). Text may contain placeholders
 * `{{path}}` or `{{path|format}}` that read the report data; formats: text, euro (cents), date,
 * datetime, percent (basis points), number, hours.
 */
export const VALUE_FORMATS = ["text", "euro", "date", "datetime", "percent", "number", "hours"] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

const text = z.string().min(1, { error: "darf nicht leer sein" });

const Heading = z.strictObject({
  kind: z.literal("heading"),
  text,
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
});

const Paragraph = z.strictObject({
  kind: z.literal("paragraph"),
  /** Blank lines split paragraphs; a placeholder may bring several paragraphs (the Sachbericht). */
  text,
  style: z.enum(["normal", "small", "emphasis"]).default("normal"),
  /** Text shown when the placeholder value is empty. */
  emptyText: z.string().optional(),
});

const Fields = z.strictObject({
  kind: z.literal("fields"),
  title: z.string().optional(),
  rows: z.array(z.strictObject({ label: text, value: z.string() })).min(1),
});

export const TableColumn = z.strictObject({
  key: text,
  header: text,
  /** Relative width; the columns share the text width by these weights. */
  width: z.number().positive().default(1),
  align: z.enum(["left", "right", "center"]).optional(),
  format: z.enum(VALUE_FORMATS).default("text"),
  /** Sum this column in subtotals, carry-forward (Übertrag) and total rows. */
  sum: z.boolean().default(false),
});
export type TableColumn = z.infer<typeof TableColumn>;

const Table = z.strictObject({
  kind: z.literal("table"),
  title: z.string().optional(),
  /** Path to an array of rows in the report data. */
  source: text,
  columns: z.array(TableColumn).min(1),
  /** Rows are grouped by this key (consecutive rows with the same value), each group with a subtotal row. */
  groupBy: z.string().optional(),
  groupLabel: z.string().default("Summe {{group}}"),
  /** Optional heading row at the start of each group, e.g. "Kostenart: {{group}}". */
  groupHeader: z.string().optional(),
  totalLabel: z.string().optional(),
  /** Carry the running sums forward over page breaks ("Übertrag"). */
  carryForward: z.boolean().default(false),
  emptyText: z.string().default("Keine Einträge."),
  maxRows: z.number().int().positive().optional(),
  /** Font size of the table in points (default 8.5), for lists with many columns. */
  fontSize: z.number().min(6).max(12).optional(),
});
export type TableSection = z.infer<typeof Table>;

const Chart = z.strictObject({
  kind: z.literal("chart"),
  title: text,
  /** Text alternative for screen readers (tagged PDF). */
  description: text,
  source: text,
  /** A Vega-Lite specification without data; the rows of `source` become its data values. */
  spec: z.record(z.string(), z.unknown()),
  height: z.number().positive().default(200),
});
export type ChartSection = z.infer<typeof Chart>;

const List = z.strictObject({
  kind: z.literal("list"),
  title: z.string().optional(),
  source: text,
  /** Item text; `{{item.field}}` reads the list element. */
  item: text,
  emptyText: z.string().default("Keine Einträge."),
});

const Signature = z.strictObject({
  kind: z.literal("signature"),
  /** Declaration printed directly above the signature lines, kept on the same page. */
  text: z.string().optional(),
  /** Place and date line, e.g. "{{municipality.name}}, den ____________". */
  place: text,
  signers: z.array(text).min(1).max(3),
});

export type SignatureSection = z.infer<typeof Signature>;

const PageBreak = z.strictObject({ kind: z.literal("pageBreak") });

/** A QR code of a text (usually a URL), drawn as vector squares, with its text as alternative. */
const QrCode = z.strictObject({
  kind: z.literal("qrCode"),
  value: text,
  /** Printed next to the code and used as its alternative text. */
  caption: text,
  /** Edge length in points (default 80, about 28 mm). */
  size: z.number().int().min(48).max(200).default(80),
});

export type QrCodeSection = z.infer<typeof QrCode>;

export const Section = z.discriminatedUnion("kind", [Heading, Paragraph, Fields, Table, Chart, List, Signature, PageBreak, QrCode]);
export type Section = z.infer<typeof Section>;

const CsvAttachment = z.strictObject({
  /** File name inside the PDF, e.g. "belegliste.csv". */
  name: text,
  description: text,
  source: text,
  columns: z.array(z.strictObject({ key: text, header: text, format: z.enum(VALUE_FORMATS).default("text") })).min(1),
});

export const TemplateSchema = z.strictObject({
  type: z.enum(REPORT_TYPES),
  /** Document title (info dictionary, XMP, first heading); placeholders allowed. */
  title: text,
  subject: z.string().default(""),
  /** A report that must fit on this many pages (Projektsteckbrief: 1); rendering fails otherwise. */
  maxPages: z.number().int().positive().optional(),
  sections: z.array(Section).min(1),
  attachments: z
    .strictObject({
      csv: z.array(CsvAttachment).default([]),
      /** Embed the report data as JSON (the data snapshot). */
      json: z.string().optional(),
    })
    .default({ csv: [] }),
});
export type ReportTemplate = z.infer<typeof TemplateSchema>;

/** A broken template: names the file and every problem, in German. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Berichtsvorlage ${file} ist fehlerhaft: ${problems.join("; ")}`);
    this.name = "TemplateError";
  }
}

function issuePath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") || "(Wurzel)";
}

/** Validates parsed template JSON; throws TemplateError with each problem and where it is. */
export function parseTemplate(file: string, raw: unknown): ReportTemplate {
  const result = TemplateSchema.safeParse(raw);
  if (!result.success) {
    throw new TemplateError(
      file,
      result.error.issues.map((i) => `${issuePath(i.path)}: ${i.message}`),
    );
  }
  return result.data;
}

/** Reads and validates template text (JSON). */
export function parseTemplateText(file: string, source: string): ReportTemplate {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    throw new TemplateError(file, [`kein gültiges JSON (${(error as Error).message})`]);
  }
  return parseTemplate(file, raw);
}
