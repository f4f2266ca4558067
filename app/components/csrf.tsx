import { useRouteLoaderData } from "@remix-run/react";

/** Hidden CSRF field; every mutating form contains it. */
export function CsrfInput() {
  const data = useRouteLoaderData<{ csrf: string }>("root");
  return <input type="hidden" name="csrf" value={data?.csrf ?? ""} />;
}
