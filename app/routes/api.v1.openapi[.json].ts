import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "~/areas/api/openapi";
import { apiJson } from "~/areas/api/respond.server";

/** The OpenAPI 3.1 document of the read API; public, it holds no data. */
export function loader({ request }: LoaderFunctionArgs) {
  return apiJson(openApiDocument(new URL(request.url).origin));
}
