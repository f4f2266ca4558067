import { z } from "zod";
import { germanDateField } from "../../utils/zod-fields";

/** „Anbindung starten“: which programme template to roll in, from which day. */
export const ConnectionFormSchema = z.object({
  municipalityId: z.coerce.number().int().positive(),
  serviceId: z.coerce.number().int().positive(),
  templateId: z.coerce.number({ error: "Bitte wählen Sie eine Programmvorlage." }).int().positive("Bitte wählen Sie eine Programmvorlage."),
  startDate: germanDateField("Der Beginn", "den Beginn"),
});
