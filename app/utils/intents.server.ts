import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type TypedResponse, json } from "@remix-run/node";
import type { ZodType, z } from "zod";
import { type AppContext, requireContext } from "./context.server";
import { readForm } from "./csrf.server";
import { ConflictError, ValidationError } from "./errors";
import { badRequest, forbidden } from "./http.server";
import type { Permission } from "./permissions";
import type { UploadRule } from "./request-limits";
import { withUploadForm } from "./upload.server";

/**
 * The one way an action is written: who may (the caller and a permission per intent), what comes
 * in (a zod schema, parsed by Conform), what goes out (the area function's result as a redirect or
 * as the reply below). Everything in between is done here the same way for every route:
 *
 * 1. the caller is resolved (`requireContext` or a provider's `requireProvider`) with the route's
 *    permission — before the body is read, so a signed-out request goes to the login page;
 * 2. `load` finds the record the form belongs to (404 before the body is read);
 * 3. the form is read within the body limits (an upload form streamed to disk), its CSRF token checked;
 * 4. the `intent` field picks the intent (an unknown one is a 400 with a German message); its
 *    permission is checked (403);
 * 5. the schema parses the form: errors go to their fields with 400;
 * 6. `run` calls the area function; its ValidationError (400) and ConflictError (409) go to the
 *    form through `replyWithError`'s rules; anything else is a bug and reaches the error boundary;
 * 7. `done` answers: a redirect, or the reply (default: the reply with the form reset).
 *
 * The reply shape: a form of its own (`formAction`) answers Conform's `SubmissionResult`; a page
 * with several forms (`intentAction`) answers `{ intent, result }` so each form shows only its own
 * result. `done` may add fields to that reply (a message, the created token).
 */

/** Who calls: resolved from the session, and asked for a permission per intent. */
export interface Caller<Who, P> {
  require(request: Request, permission?: P): Promise<Who>;
  can(who: Who, permission: P): boolean;
}

/** The signed-in person in their current Kommune (the default). */
export const kommuneCaller: Caller<AppContext, Permission> = {
  require: (request, permission) => requireContext(request, permission),
  can: (ctx, permission) => ctx.can(permission),
};

type ReplyOptions = {
  formErrors?: string[];
  fieldErrors?: Record<string, string[]>;
  resetForm?: boolean;
};

/** What `run` receives. */
export interface RunInput<Who, Sub, V> {
  who: Who;
  /** What `load` returned (e.g. the record's id). */
  subject: Sub;
  value: V;
  /** The whole form, for what a schema does not carry (the uploaded file). */
  form: FormData;
  args: ActionFunctionArgs;
}

/** What `done` receives next to the area function's result. */
export interface DoneInput<Who, Sub, V, Shape> {
  who: Who;
  subject: Sub;
  value: V;
  /** The route's reply shape, e.g. `json(reply({ resetForm: true }))`. */
  reply(options?: ReplyOptions): Shape;
}

export interface IntentSpec<Who, Sub, P, S extends ZodType, R, D, Shape> {
  /** Checked after the route's permission; leave out when the route's permission is enough. */
  permission?: P;
  schema: S;
  /** Fields never sent back to the browser (passwords). */
  hideFields?: string[];
  run(input: RunInput<Who, Sub, z.output<S>>): R | Promise<R>;
  done?(result: Awaited<R>, input: DoneInput<Who, Sub, z.output<S>, Shape>): TypedResponse<D> | Promise<TypedResponse<D>>;
}

interface RouteConfig<Who, P, Sub> {
  /** Default: the signed-in person in their Kommune (`requireContext`). */
  caller?: Caller<Who, P>;
  /** The route's permission, checked before the body is read. */
  permission?: P;
  /** The record the form belongs to, looked up before the body is read (404 for a foreign one). */
  load?(who: Who, args: ActionFunctionArgs): Sub | Promise<Sub>;
  /** A form with a file field: read by the streaming upload parser within this rule's limits. */
  upload?: UploadRule;
}

export type IntentReply = { intent: string; result: SubmissionResult<string[]> };

// A spec as stored in the table, its value and result types erased.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- erased on purpose: each spec keeps its own types
type AnySpec<Who, Sub, P, Shape> = IntentSpec<Who, Sub, P, ZodType, any, any, Shape>;
type DoneData<T> = T extends { done?(...args: never[]): infer Out } ? (Awaited<Out> extends TypedResponse<infer D> ? D : never) : never;

/** Makes one intent of `intentAction`; it exists so TypeScript infers each schema's value for `run` and `done`. */
export type IntentMaker<Who, Sub, P> = <S extends ZodType, R, D = never>(
  spec: IntentSpec<Who, Sub, P, S, R, D, IntentReply>,
) => NoInfer<IntentSpec<Who, Sub, P, S, R, D, IntentReply>>;

/**
 * A page with several forms, told apart by their hidden `intent` field:
 * `intents: (intent) => ({ save: intent({ schema, run, done }), … })`.
 */
export function intentAction<Who = AppContext, P = Permission, Sub = undefined, const I extends Record<string, AnySpec<Who, Sub, P, IntentReply>> = never>(
  config: RouteConfig<Who, P, Sub> & {
    intents: (intent: IntentMaker<Who, Sub, P>) => I;
    /** With `upload`: the intent whose form carries the file, so a file over the limit is shown there. */
    fileIntent?: string;
  },
): (args: ActionFunctionArgs) => Promise<TypedResponse<IntentReply | DoneData<I[keyof I]>>> {
  const intents = config.intents((spec) => spec);
  return (args) =>
    handle(
      args,
      config,
      (form) => {
        const name = String(form.get("intent") ?? "");
        const spec = Object.hasOwn(intents, name) ? intents[name] : badRequest(UNKNOWN_INTENT);
        return { spec, shape: (result) => ({ intent: name, result }) };
      },
      (result) => ({ intent: config.fileIntent ?? "", result }),
    ) as never;
}

/** A form of its own (no `intent` field): one schema, one area function. */
export function formAction<S extends ZodType, R, D = never, Who = AppContext, P = Permission, Sub = undefined>(
  config: RouteConfig<Who, P, Sub> & IntentSpec<Who, Sub, P, S, R, D, SubmissionResult<string[]>>,
): (args: ActionFunctionArgs) => Promise<TypedResponse<SubmissionResult<string[]> | D>> {
  return (args) =>
    handle(
      args,
      config as RouteConfig<Who, P, Sub>,
      () => ({ spec: config as unknown as AnySpec<Who, Sub, P, SubmissionResult<string[]>>, shape: (result) => result }),
      (result) => result,
    ) as never;
}

export const UNKNOWN_INTENT = "Unbekannte Aktion. Bitte laden Sie die Seite neu und versuchen Sie es erneut.";

async function handle<Who, P, Sub, Shape>(
  args: ActionFunctionArgs,
  config: RouteConfig<Who, P, Sub>,
  pick: (form: FormData) => { spec: AnySpec<Who, Sub, P, Shape>; shape: (result: SubmissionResult<string[]>) => Shape },
  refusalShape: (result: SubmissionResult<string[]>) => Shape,
): Promise<Response> {
  const caller = (config.caller ?? kommuneCaller) as Caller<Who, P>;
  const who = await caller.require(args.request, config.permission);
  const subject = (config.load ? await config.load(who, args) : undefined) as Sub;
  const answer = async (form: FormData): Promise<Response> => {
    const { spec, shape } = pick(form);
    if (spec.permission !== undefined && !caller.can(who, spec.permission)) forbidden();
    const hideFields = spec.hideFields;
    const submission = parseWithZod(form, { schema: spec.schema });
    // Not "error" and not "success": one of Conform's own intents (a list's add or remove button
    // without JavaScript), answered with the form as it now is.
    if (submission.status !== "success") return json(shape(submission.reply({ hideFields })), { status: submission.status === "error" ? 400 : 200 });
    const value = submission.value;
    try {
      const result = await spec.run({ who, subject, value, form, args });
      const reply = (options?: ReplyOptions) => shape(submission.reply({ ...options, hideFields }));
      return spec.done ? await spec.done(result, { who, subject, value, reply }) : json(reply({ resetForm: true }));
    } catch (error) {
      if (error instanceof ValidationError) {
        const { form: formErrors, ...fieldErrors } = error.fieldErrors;
        return json(shape(submission.reply({ formErrors, fieldErrors, hideFields })), { status: 400 });
      }
      if (error instanceof ConflictError) return json(shape(submission.reply({ formErrors: [error.message], hideFields })), { status: 409 });
      throw error;
    }
  };
  if (!config.upload) return answer(await readForm(args.request));
  try {
    return await withUploadForm(args.request, config.upload, answer);
  } catch (error) {
    // Only the upload parser throws a ValidationError out here (the file is too large).
    if (!(error instanceof ValidationError)) throw error;
    return json(refusalShape(uploadRefusal(error, config.upload)), { status: 400 });
  }
}

function uploadRefusal(error: ValidationError, rule: UploadRule): SubmissionResult<string[]> {
  return { status: "error", error: { [rule.field]: error.fieldErrors[rule.field] ?? Object.values(error.fieldErrors).flat() } };
}

/** For the forms before sign-in (login, password reset, accessibility feedback): nobody is required. */
export const publicCaller: Caller<null, never> = {
  require: async () => null,
  can: () => false,
};
