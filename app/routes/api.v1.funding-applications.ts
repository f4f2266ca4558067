import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiFundingApplications } from "~/areas/api/resources.server";
import { apiMethodNotAllowed, apiResponse } from "~/areas/api/respond.server";

/** GET /api/v1/funding-applications with a personal access token (see /api/v1/openapi.json). */
export function loader({ request, context }: LoaderFunctionArgs) {
  return apiResponse(request, context, apiFundingApplications);
}

export const action = apiMethodNotAllowed;
