import { z } from "zod";
import { ROLES } from "../../../db/schema/org";
import { ATTENDANCE_STATUSES, TRAINING_FORMATS, TRAINING_TOPICS } from "../../../db/schema/trainings";
import { optionalLinkField } from "../../utils/zod-fields";
import { parseHoursToMinutes } from "./labels";

const isoDate = (message: string) => z.string({ error: message }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: message });
const time = (message: string) => z.string({ error: message }).regex(/^\d{1,2}:\d{2}$/, { error: message });
const hours = z
  .string({ error: "Bitte geben Sie die Dauer in Stunden an." })
  .refine((v) => parseHoursToMinutes(v) !== null, { error: "Bitte geben Sie die Dauer als Zahl in Stunden an, z. B. 3 oder 1,5." });
const optionalText = (max: number) => z.string().trim().max(max, { error: `Höchstens ${max} Zeichen.` }).optional();

export const CourseSchema = z.object({
  title: z.string({ error: "Bitte geben Sie einen Titel ein." }).trim().min(3, { error: "Der Titel ist zu kurz." }).max(150, { error: "Höchstens 150 Zeichen." }),
  topic: z.enum(TRAINING_TOPICS, { error: "Bitte wählen Sie ein Thema." }),
  description: optionalText(4000),
  durationHours: hours,
  format: z.enum(TRAINING_FORMATS, { error: "Bitte wählen Sie ein Format." }),
  targetUnitIds: z.array(z.number().int().positive()).default([]),
  targetRoles: z.array(z.enum(ROLES)).default([]),
  projectId: z.number().int().positive().optional(),
  version: z.number().int().optional(),
});

export const SessionSchema = z
  .object({
    courseId: z.number({ error: "Bitte wählen Sie ein Schulungsformat." }).int().positive(),
    date: isoDate("Bitte geben Sie das Datum des Termins an."),
    startTime: time("Bitte geben Sie die Beginnzeit an (SS:MM)."),
    endTime: time("Bitte geben Sie die Endzeit an (SS:MM)."),
    location: optionalText(200),
    onlineUrl: optionalLinkField("Bitte geben Sie einen vollständigen Link an, der mit https:// oder http:// beginnt."),
    trainerEmployeeId: z.number().int().positive().optional(),
    trainerName: optionalText(150),
    capacity: z
      .number({ error: "Bitte geben Sie die Zahl der Plätze an." })
      .int({ error: "Bitte eine ganze Zahl." })
      .min(1, { error: "Mindestens ein Platz." })
      .max(500, { error: "Höchstens 500 Plätze." }),
    registrationDeadline: isoDate("Bitte geben Sie den Anmeldeschluss an."),
    version: z.number().int().optional(),
  });

export const ExternalTrainingSchema = z.object({
  title: z.string({ error: "Bitte geben Sie den Titel der Fortbildung ein." }).trim().min(3, { error: "Der Titel ist zu kurz." }).max(200),
  provider: z.string({ error: "Bitte geben Sie den Anbieter ein." }).trim().min(2, { error: "Der Anbieter ist zu kurz." }).max(200),
  date: isoDate("Bitte geben Sie das Datum an."),
  hours,
});

export const DecisionSchema = z.object({
  id: z.number().int().positive(),
  version: z.number().int(),
  decision: z.enum(["confirm", "reject"]),
  reason: optionalText(500),
});

export const MandatorySchema = z.object({
  courseId: z.number({ error: "Bitte wählen Sie ein Schulungsformat." }).int().positive(),
  role: z.enum(ROLES).optional(),
  unitId: z.number().int().positive().optional(),
  renewalMonths: z
    .number({ error: "Bitte eine ganze Zahl von Monaten." })
    .int({ error: "Bitte eine ganze Zahl von Monaten." })
    .min(1, { error: "Mindestens 1 Monat." })
    .max(120, { error: "Höchstens 120 Monate." })
    .optional(),
});

export const FeedbackSchema = z.object({
  rating: z.number({ error: "Bitte wählen Sie eine Bewertung von 1 bis 5." }).int().min(1, { error: "Bitte wählen Sie eine Bewertung von 1 bis 5." }).max(5, { error: "Bitte wählen Sie eine Bewertung von 1 bis 5." }),
  comment: optionalText(2000),
});

export const AttendanceStatusSchema = z.enum(ATTENDANCE_STATUSES);
