import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { issueReport } from "~/reports/archive.server";
import { REPORT_TYPES } from "~/reports/data/types";
import { FETCHER_FIELD, REPORT_ERROR_PARAM, REPORT_ERROR_TYPE_PARAM, archivedReportUrl } from "~/reports/urls";
import { ReportError } from "~/reports/report-error";
import { TemplateError } from "~/reports/template-schema";
import { requireContext } from "~/utils/context.server";
import { readForm } from "~/utils/csrf.server";
import { safeRedirectPath } from "~/utils/url";

const IssueSchema = z.object({
  typ: z.enum(REPORT_TYPES, { error: "Unbekannter Berichtstyp." }),
  id: z.coerce.number({ error: "Ungültige Nummer." }).int().positive({ error: "Ungültige Nummer." }),
  jahr: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Verwendungsnachweis before the end of the funding period: issued early, with a reason. */
  vorzeitig: z.literal("1").optional(),
  begruendung: z.string().trim().max(2000, { error: "Die Begründung darf höchstens 2.000 Zeichen lang sein." }).optional(),
});

/** Where a plain form post (no JavaScript) returns to with a German error: a local path only. */
function backTo(form: FormData, request: Request): string {
  const referer = new URL(request.headers.get("Referer") ?? "/berichte", "http://localhost");
  return safeRedirectPath(form.get("redirectTo"), safeRedirectPath(referer.pathname + referer.search, "/berichte"));
}

/**
 * Issues a report: renders it off the request path, archives file, hash, author and data snapshot.
 * The hydrated form (fetcher, JavaScript on) gets JSON; a plain form post (progressive enhancement) is redirected to
 * the archived PDF, or back to its page with the German error as a query parameter.
 */
export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireContext(request, "report.generate");
  const form = await readForm(request);
  // Remix strips `_data` from request.url, so the hydrated form marks itself (see ReportActions).
  const isFetch = form.get(FETCHER_FIELD) === "1";
  const fail = (message: string, status: number) => {
    if (isFetch) return json({ ok: false as const, message }, { status });
    const back = new URL(backTo(form, request), "http://localhost");
    back.searchParams.set(REPORT_ERROR_PARAM, message);
    back.searchParams.set(REPORT_ERROR_TYPE_PARAM, String(form.get("typ") ?? ""));
    return redirect(back.pathname + back.search);
  };
  const parsed = IssueSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return fail(parsed.error.issues[0].message, 400);
  const { typ, id, jahr, vorzeitig, begruendung } = parsed.data;
  if (vorzeitig && typ !== "verwendungsnachweis") return fail("Vorzeitig kann nur ein Verwendungsnachweis vorgelegt werden.", 400);
  if (vorzeitig && !begruendung) return fail("Bitte begründen Sie, warum der Verwendungsnachweis vorzeitig vorgelegt wird.", 400);
  if (typ === "teilnahmebescheinigung" && !ctx.can("training.viewPersonalData")) {
    return fail("Für Teilnahmebescheinigungen fehlt Ihnen die Berechtigung.", 403);
  }
  try {
    const report = await issueReport(ctx, {
      type: typ,
      subjectId: id,
      budgetYear: jahr,
      earlyReason: vorzeitig ? begruendung : null,
      origin: new URL(request.url).origin,
    });
    if (!isFetch) return redirect(archivedReportUrl(report.id));
    return json({ ok: true as const, reportId: report.id, title: report.title });
  } catch (error) {
    if (error instanceof ReportError) return fail(error.message, error.status === 404 ? 404 : 422);
    if (error instanceof TemplateError) return fail(error.message, 500);
    throw error;
  }
}
