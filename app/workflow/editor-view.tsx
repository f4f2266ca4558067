import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { FormErrors } from "~/components/forms";
import { ROLES } from "../../db/schema/org";
import { ROLE_LABELS } from "~/utils/permissions";
import { StateDiagram } from "./components";
import type { DiagramData } from "./diagram";
import { Checks, Choice, Errors, Flag, ListButton, LongText, type Option, ParamInput, Text } from "./editor-fields";
import type { EditorForm, FieldErrors, ParamCatalog, StateFormValue, TransitionFormValue } from "./editor-form";
import { STATE_KINDS, STATE_KIND_LABELS, type StateKind } from "./state-kinds";

export interface EditorViewProps {
  name: string;
  subjectLabel: string;
  baseVersion: number;
  nextVersion: number;
  catalog: ParamCatalog;
  subjectRoles: Option[];
  choices: { guards: Option[]; effects: Option[] };
  form: EditorForm;
  fieldErrors: FieldErrors;
  formErrors: string[];
  /** True after a preview without problems. */
  checkedOk: boolean;
  diagram: DiagramData | null;
  json: string;
}

const ROLE_OPTIONS: Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const KIND_OPTIONS: Option[] = STATE_KINDS.map((k) => ({ value: k, label: `${STATE_KIND_LABELS[k]} (${k})` }));
const NAME_HINT =
  "Namen (Schlüssel) sind camelCase aus Buchstaben und Ziffern, z. B. „inUmsetzung“; laufende Vorgänge speichern sie, daher nur mit Bedacht umbenennen.";

/** The form-based editor of a definition version: states, steps, guards and effects, with the diagram as preview. */
export function DefinitionEditor(props: EditorViewProps) {
  const { form, fieldErrors: errors } = props;
  const states = form.states ?? [];
  const transitions = form.transitions ?? [];
  const stateOptions: Option[] = states
    .filter((s) => s.name?.trim())
    .map((s) => ({ value: s.name!.trim(), label: `${s.label?.trim() || s.name} (${s.name})` }));
  const transitionOptions: Option[] = transitions
    .filter((t) => t.name?.trim())
    .map((t) => ({ value: t.name!.trim(), label: `${t.label?.trim() || t.name} (${t.name})` }));
  const diagramStates = states
    .filter((s) => s.name?.trim() && (STATE_KINDS as readonly string[]).includes(s.kind ?? ""))
    .map((s) => ({ name: s.name!.trim(), label: s.label?.trim() || s.name!.trim(), kind: s.kind as StateKind }));
  return (
    <Form method="post" className="space-y-6" aria-describedby={props.formErrors.length ? "editor-fehler" : undefined}>
      <CsrfInput />
      {props.formErrors.length > 0 && (
        <FormErrors id="editor-fehler" errors={[`Version ${props.nextVersion} wurde nicht gespeichert. Bitte prüfen Sie:`, ...props.formErrors]} />
      )}
      {props.checkedOk && (
        <p className="alert-success" role="status">
          Die Prüfung hat keine Fehler gefunden. „Als Version {props.nextVersion} speichern“ stellt diesen Stand bereit.
        </p>
      )}
      {/* First in the form, so Enter in a field checks instead of pressing a list button. */}
      <SubmitButtons nextVersion={props.nextVersion} />
      <section aria-labelledby="vorschau" className="card space-y-3">
        <h2 id="vorschau">Vorschau</h2>
        {props.diagram && diagramStates.length ? (
          <StateDiagram diagram={props.diagram} states={diagramStates} name={form.name?.trim() || props.name} />
        ) : (
          <p className="text-sm text-slate-700">
            Das Diagramm erscheint, sobald jeder Status einen gültigen, eindeutigen Namen, eine Bezeichnung und eine Art hat.
          </p>
        )}
        <p className="text-sm text-slate-700">Die Vorschau zeigt den Stand der letzten Prüfung. Nach Änderungen „Prüfen und Vorschau aktualisieren“ wählen.</p>
        <p className="text-sm text-slate-700">
          Gespeichert wird nur eine fehlerfreie Definition, als neue Version {props.nextVersion} (Grundlage: Version {props.baseVersion}). Neue Vorgänge starten
          darauf; laufende bleiben auf ihrer Version, bis sie migriert werden.
        </p>
      </section>
      <section aria-labelledby="allgemein" className="card space-y-3">
        <h2 id="allgemein">Allgemein</h2>
        <Text name="name" label="Name des Ablaufs" value={form.name} errors={errors} />
        <LongText name="description" label="Beschreibung (optional)" value={form.description} errors={errors} />
        <p className="text-sm text-slate-700">Gegenstand: {props.subjectLabel}. Schlüssel und Gegenstand bleiben unverändert.</p>
      </section>

      <section aria-labelledby="status-liste" className="card space-y-4">
        <h2 id="status-liste">Status</h2>
        <p className="text-sm text-slate-700">{NAME_HINT}</p>
        <Errors name="states" errors={errors} />
        {states.map((s, i) => (
          <StateFields key={i} state={s} at={`states[${i}]`} index={i} errors={errors} subjectRoles={props.subjectRoles} />
        ))}
        <ListButton intent="add:states">Status hinzufügen</ListButton>
      </section>

      <section aria-labelledby="schritt-liste" className="card space-y-4">
        <h2 id="schritt-liste">Schritte</h2>
        <p className="text-sm text-slate-700">{NAME_HINT}</p>
        <Errors name="transitions" errors={errors} />
        {transitions.map((t, i) => (
          <TransitionFields
            key={i}
            transition={t}
            at={`transitions[${i}]`}
            index={i}
            errors={errors}
            states={stateOptions}
            transitions={transitionOptions}
            catalog={props.catalog}
            choices={props.choices}
          />
        ))}
        <ListButton intent="add:transitions">Schritt hinzufügen</ListButton>
      </section>
      <details className="card">
        <summary className="cursor-pointer text-brand-700">Als JSON bearbeiten</summary>
        <LongText
          className="mt-3"
          name="json"
          label="Definition als JSON (Stand der letzten Prüfung)"
          value={props.json}
          rows={14}
          mono
          hint="Geändertes JSON übernimmt „JSON in das Formular übernehmen“; gespeichert wird erst mit „Speichern“."
          errors={errors}
        />
        <button type="submit" name="intent" value="fromJson" className="btn-secondary mt-2">
          JSON in das Formular übernehmen
        </button>
      </details>
      <SubmitButtons nextVersion={props.nextVersion} />
    </Form>
  );
}

function SubmitButtons({ nextVersion }: { nextVersion: number }) {
  return (
    <div className="flex flex-wrap gap-2">
      <button type="submit" name="intent" value="preview" className="btn-secondary">
        Prüfen und Vorschau aktualisieren
      </button>
      <button type="submit" name="intent" value="save" className="btn-primary">
        Als Version {nextVersion} speichern
      </button>
    </div>
  );
}

function StateFields({
  state,
  at,
  index,
  errors,
  subjectRoles,
}: {
  state: StateFormValue;
  at: string;
  index: number;
  errors: FieldErrors;
  subjectRoles: Option[];
}) {
  const title = state.label?.trim() || state.name?.trim() || "neuer Status";
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-300 p-3">
      <legend className="px-1 font-semibold">
        Status {index + 1}: {title}
      </legend>
      <Errors name={at} errors={errors} />
      <div className="grid gap-3 md:grid-cols-3">
        <Text name={`${at}.name`} label="Name (Schlüssel)" value={state.name} errors={errors} />
        <Text name={`${at}.label`} label="Bezeichnung" value={state.label} errors={errors} />
        <Choice name={`${at}.kind`} label="Art" value={state.kind} options={KIND_OPTIONS} errors={errors} />
      </div>
      {(state.tasks ?? []).map((t, j) => {
        const tp = `${at}.tasks[${j}]`;
        return (
          <fieldset key={j} className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3">
            <legend className="px-1 text-sm font-medium">Aufgabe {j + 1} beim Eintritt</legend>
            <Errors name={tp} errors={errors} />
            <div className="grid gap-3 md:grid-cols-2">
              <Text name={`${tp}.title`} label="Titel" value={t.title} errors={errors} />
              <Text name={`${tp}.dueInDays`} label="Fällig nach Tagen (optional)" value={t.dueInDays} inputMode="numeric" errors={errors} />
              <Choice
                name={`${tp}.subjectRole`}
                label="An die Person am Gegenstand"
                value={t.subjectRole}
                options={subjectRoles}
                placeholder="– niemand Bestimmtes –"
                errors={errors}
              />
              <Choice
                name={`${tp}.assigneeRole`}
                label="Sonst an die Rolle"
                value={t.assigneeRole}
                options={ROLE_OPTIONS}
                placeholder="– keine –"
                errors={errors}
              />
              <Text
                name={`${tp}.doneWhen`}
                label="Erledigt, sobald Datenfeld gesetzt (optional)"
                value={t.doneWhen}
                hint="Mehrere Felder mit Komma trennen."
                errors={errors}
              />
              <Flag name={`${tp}.sinceEntered`} label="erst, wenn nach dem Eintritt gesetzt" checked={t.sinceEntered} errors={errors} />
            </div>
            {t.assigneeUserField && <input type="hidden" name={`${tp}.assigneeUserField`} value={t.assigneeUserField} />}
            <ListButton intent={`remove:${tp}`} remove>
              Aufgabe {j + 1} entfernen
            </ListButton>
          </fieldset>
        );
      })}
      {(state.deadlines ?? []).map((d, k) => {
        const dp = `${at}.deadlines[${k}]`;
        return (
          <fieldset key={k} className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3">
            <legend className="px-1 text-sm font-medium">Frist {k + 1}</legend>
            <Errors name={dp} errors={errors} />
            <div className="grid gap-3 md:grid-cols-3">
              <Text name={`${dp}.key`} label="Schlüssel" value={d.key} errors={errors} />
              <Text name={`${dp}.label`} label="Bezeichnung" value={d.label} errors={errors} />
              <Choice
                name={`${dp}.fromKind`}
                label="Ausgangsdatum"
                value={d.fromKind ?? "field"}
                options={[
                  { value: "field", label: "Datenfeld des Gegenstands" },
                  { value: "enteredState", label: "Tag des Eintritts in den Status" },
                ]}
                errors={errors}
              />
              <Text name={`${dp}.fromField`} label="Datenfeld (bei „Datenfeld“)" value={d.fromField} errors={errors} />
              <Text name={`${dp}.addMonths`} label="plus Monate" value={d.addMonths} inputMode="numeric" errors={errors} />
              <Text name={`${dp}.addDays`} label="plus Tage" value={d.addDays} inputMode="numeric" errors={errors} />
              <Text name={`${dp}.remindDaysBefore`} label="Erinnerung Tage vorher" value={d.remindDaysBefore} inputMode="numeric" errors={errors} />
              <Choice
                name={`${dp}.subjectRole`}
                label="Erinnert die Person am Gegenstand"
                value={d.subjectRole}
                options={subjectRoles}
                placeholder="– niemand Bestimmtes –"
                errors={errors}
              />
              <Choice
                name={`${dp}.assigneeRole`}
                label="Sonst die Rolle"
                value={d.assigneeRole}
                options={ROLE_OPTIONS}
                placeholder="– CDO (Standard) –"
                errors={errors}
              />
            </div>
            <ListButton intent={`remove:${dp}`} remove>
              Frist {k + 1} entfernen
            </ListButton>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap gap-2">
        <ListButton intent={`add:${at}.tasks`}>Aufgabe hinzufügen</ListButton>
        <ListButton intent={`add:${at}.deadlines`}>Frist hinzufügen</ListButton>
        <ListButton intent={`remove:${at}`} remove>
          Status {index + 1} entfernen
        </ListButton>
      </div>
    </fieldset>
  );
}

function TransitionFields(props: {
  transition: TransitionFormValue;
  at: string;
  index: number;
  errors: FieldErrors;
  states: Option[];
  transitions: Option[];
  catalog: ParamCatalog;
  choices: { guards: Option[]; effects: Option[] };
}) {
  const { transition: t, at, index, errors } = props;
  const title = t.label?.trim() || t.name?.trim() || "neuer Schritt";
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-300 p-3">
      <legend className="px-1 font-semibold">
        Schritt {index + 1}: {title}
      </legend>
      <Errors name={at} errors={errors} />
      <div className="grid gap-3 md:grid-cols-3">
        <Text name={`${at}.name`} label="Name (Schlüssel)" value={t.name} errors={errors} />
        <Text name={`${at}.label`} label="Bezeichnung (Knopf im Ablauf)" value={t.label} errors={errors} />
        <Choice name={`${at}.to`} label="Nach" value={t.to} options={props.states} placeholder="– bitte wählen –" errors={errors} />
      </div>
      <Checks name={`${at}.from`} legend="Von (ein oder mehrere Status)" values={t.from} options={props.states} errors={errors} />
      <Checks name={`${at}.roles`} legend="Wer darf den Schritt auslösen" values={t.roles} options={ROLE_OPTIONS} errors={errors} />
      <Flag name={`${at}.requiresComment`} label="Begründung erforderlich" checked={t.requiresComment} errors={errors} />
      {(["guards", "effects"] as const).map((kind) => (
        <div key={kind} className="space-y-2">
          {(t[kind] ?? []).map((call, g) => {
            const cp = `${at}.${kind}[${g}]`;
            const noun = kind === "guards" ? "Bedingung" : "Wirkung";
            const fields = call.name ? props.catalog[kind][call.name] : undefined;
            return (
              <fieldset key={g} className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3">
                <legend className="px-1 text-sm font-medium">
                  {noun} {g + 1}
                </legend>
                <Errors name={cp} errors={errors} />
                <Choice
                  name={`${cp}.name`}
                  label={noun}
                  value={call.name}
                  options={props.choices[kind].map((c) => ({ value: c.value, label: `${c.label} (${c.value})` }))}
                  placeholder="– bitte wählen –"
                  hint={`Nach dem Wechsel der ${noun} „Prüfen und Vorschau aktualisieren“ wählen, um ihre Parameter einzugeben.`}
                  errors={errors}
                />
                <Errors name={`${cp}.params`} errors={errors} />
                {fields ? (
                  <div className="grid gap-3 md:grid-cols-2">
                    {fields.map((f) => (
                      <ParamInput
                        key={f.name}
                        field={f}
                        name={`${cp}.params.${f.name}`}
                        value={call.params?.[f.name]}
                        errors={errors}
                        transitions={props.transitions}
                      />
                    ))}
                  </div>
                ) : (
                  call.name && <LongText name={`${cp}.params.json`} label="Parameter (JSON)" value={String(call.params?.json ?? "")} mono errors={errors} />
                )}
                <ListButton intent={`remove:${cp}`} remove>
                  {noun} {g + 1} entfernen
                </ListButton>
              </fieldset>
            );
          })}
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        <ListButton intent={`add:${at}.guards`}>Bedingung hinzufügen</ListButton>
        <ListButton intent={`add:${at}.effects`}>Wirkung hinzufügen</ListButton>
        <ListButton intent={`remove:${at}`} remove>
          Schritt {index + 1} entfernen
        </ListButton>
      </div>
    </fieldset>
  );
}
