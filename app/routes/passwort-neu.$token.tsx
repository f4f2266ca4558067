import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { INVALID_TOKEN_MESSAGE } from "~/areas/auth/password-reset-messages";
import { checkResetToken, resetPassword } from "~/areas/auth/password-reset.server";
import { CsrfInput } from "~/components/csrf";
import { FormErrors, NewPasswordFields } from "~/components/forms";
import { PublicPage } from "~/components/public-page";
import { clientAddress } from "~/utils/load-context";
import { formAction, publicCaller } from "~/utils/intents.server";

export const meta: MetaFunction = () => [{ title: "Neues Passwort festlegen – Fahrplan" }, { name: "referrer", content: "no-referrer" }];

const FIELDS = ["newPassword", "repeatPassword"];

const Schema = z
  .object({
    newPassword: z
      .string({ error: "Bitte geben Sie ein neues Passwort ein." })
      .min(12, { error: "Das Passwort muss mindestens 12 Zeichen lang sein." })
      .max(200, { error: "Das Passwort darf höchstens 200 Zeichen lang sein." }),
    repeatPassword: z.string({ error: "Bitte wiederholen Sie das neue Passwort." }),
  })
  .refine((v) => v.newPassword === v.repeatPassword, { path: ["repeatPassword"], error: "Die beiden Passwörter stimmen nicht überein." });

export async function loader({ params }: LoaderFunctionArgs) {
  return json({ valid: checkResetToken(params.token ?? "") !== undefined });
}

export const action = /* @__PURE__ */ formAction({
  caller: publicCaller,
  schema: Schema,
  hideFields: FIELDS,
  run: ({ value, args }) => resetPassword(args.params.token ?? "", value.newPassword, clientAddress(args.context)),
  done: () => redirect("/login?hinweis=passwort-neu"),
});

export default function NewPasswordPage() {
  const { valid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "passwort-neu",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: Schema }),
  });
  return (
    <PublicPage>
      <h1>Neues Passwort festlegen</h1>
      {valid ? (
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
          <CsrfInput />
          <FormErrors id={form.errorId} errors={form.errors} />
          <NewPasswordFields newPassword={fields.newPassword} repeatPassword={fields.repeatPassword} />
          <button type="submit" className="btn-primary w-full justify-center" disabled={navigation.state === "submitting"}>
            Passwort speichern
          </button>
        </Form>
      ) : (
        <p className="alert-error mt-4" role="alert" data-testid="reset-invalid">
          {INVALID_TOKEN_MESSAGE}
        </p>
      )}
      <p className="mt-4 text-sm">
        <Link to={valid ? "/login" : "/passwort-vergessen"} className="underline">
          {valid ? "Zurück zur Anmeldung" : "Neuen Link anfordern"}
        </Link>
      </p>
    </PublicPage>
  );
}
