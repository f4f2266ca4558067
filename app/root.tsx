import "~/utils/zod-config";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { csrfToken } from "~/utils/csrf.server";
import { useNonce } from "~/utils/nonce";
import { useEffect } from "react";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  // Files in public/: the SVG for current browsers, the ICO for those that ask /favicon.ico anyway.
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
];

export const meta: MetaFunction = () => [{ title: "Fahrplan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { token, setCookie } = await csrfToken(request);
  return json({ csrf: token }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  // Marks the document once React has hydrated it: from here on forms and links go through the
  // client router (the browser tests wait for this mark instead of for an idle network).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return (
    <html lang="de">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <main id="inhalt" className="mx-auto max-w-3xl p-8">
      <GeneralErrorBoundary />
    </main>
  );
}
