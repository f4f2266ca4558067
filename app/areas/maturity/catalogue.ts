import { z } from "zod";
import { TRAINING_TOPICS } from "../../../db/schema/trainings";
import { MATURITY_AREAS } from "../../../db/schema/maturity";

/** The fields of the catalogue, in the order pages show them. */
export const MATURITY_AREA_LABELS = {
  administration: "Verwaltung",
  infrastructure: "IT-Infrastruktur und Kommunikation",
  energy: "Energie und Umwelt",
  mobility: "Mobilität",
  society: "Gesellschaft und Bildung",
  organisation: "Digitale Organisation",
} as const satisfies Record<(typeof MATURITY_AREAS)[number], string>;

export const MAX_LEVEL = 4;
export const LEVELS = [0, 1, 2, 3, 4] as const;

const text = (label: string, max: number) =>
  z.string({ error: `${label} fehlt.` }).trim().min(1, { error: `${label} fehlt.` }).max(max, { error: `${label} ist zu lang (höchstens ${max} Zeichen).` });

const ItemSchema = z.object({
  code: z.string().trim().regex(/^[A-Z]{2}-\d{2}$/, { error: "Der Code hat die Form AB-01." }),
  area: z.enum(MATURITY_AREAS, { error: "Unbekanntes Handlungsfeld." }),
  title: text("Der Titel", 120),
  levels: z.array(text("Die Stufenbeschreibung", 200)).length(5, { error: "Jedes Kriterium braucht genau fünf Stufen (0–4)." }),
  /** Matches funding programmes by their fields of action ("Verwaltung", "Mobilität", …). */
  purposeTag: text("Das Förderthema", 60),
  trainingTopic: z.enum(TRAINING_TOPICS).nullable().default(null),
  recommendations: z
    .array(z.object({ minGap: z.number().int().min(1).max(MAX_LEVEL), text: text("Der Maßnahmenvorschlag", 300) }))
    .min(1, { error: "Jedes Kriterium braucht mindestens einen Maßnahmenvorschlag." }),
});

/** A catalogue as published: validated the same way for the shipped default and for uploads. */
export const CatalogueSchema = z
  .object({ title: text("Der Titel", 120), items: z.array(ItemSchema).min(1, { error: "Der Katalog hat keine Kriterien." }).max(200) })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.items.forEach((item, i) => {
      if (seen.has(item.code)) ctx.addIssue({ code: "custom", path: ["items", i, "code"], message: `Der Code ${item.code} kommt doppelt vor.` });
      seen.add(item.code);
    });
  });

export type CatalogueInput = z.input<typeof CatalogueSchema>;
export type Catalogue = z.output<typeof CatalogueSchema>;

/** German messages for an uploaded catalogue (JSON text), or the parsed catalogue. */
export function parseCatalogueJson(source: string): { ok: true; catalogue: Catalogue } | { ok: false; errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch {
    return { ok: false, errors: ["Der Text ist kein gültiges JSON."] };
  }
  const parsed = CatalogueSchema.safeParse(raw);
  if (parsed.success) return { ok: true, catalogue: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.slice(0, 20).map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)),
  };
}
