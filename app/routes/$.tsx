import { notFound } from "~/utils/http.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";

/** Any unknown URL: the German 404 page. */
export async function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return (
    <main id="inhalt" className="mx-auto max-w-3xl p-8">
      <GeneralErrorBoundary />
    </main>
  );
}
