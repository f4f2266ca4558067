import { safeLinkUrl } from "~/utils/url";

/**
 * A link someone entered (a programme's source, a session's online link). It opens in a new tab
 * without handing the opened page a reference to this one or the address it came from; anything
 * that is not an http(s) (or, with `mailto`, an e-mail) address is shown as text, never as a link,
 * so a `javascript:` URL stored before the forms refused them cannot run.
 */
export function ExternalLink({ href, mailto, children }: { href: string; mailto?: boolean; children?: React.ReactNode }) {
  const safe = safeLinkUrl(href, { mailto });
  if (!safe) return <span className="break-all">{children ?? href}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer" className="break-all underline">
      {children ?? href}
      <span className="sr-only"> (öffnet in neuem Tab)</span>
    </a>
  );
}
