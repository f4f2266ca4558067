import { ExternalLink } from "~/components/external-link";
import { formatDate } from "~/utils/format";

/**
 * The Erklärung zur Barrierefreiheit after BITV 2.0 § 7 and the EU model statement
 * (Durchführungsbeschluss (EU) 2018/1523): status of compliance, content that is not accessible
 * and why, how the statement was made, feedback and contact, enforcement (Schlichtungsverfahren).
 * Review it whenever the app changes noticeably, at least once a year, and update STATEMENT_DATE.
 */
export const STATEMENT_DATE = "2026-12-03";

export function AccessibilityStatement() {
  return (
    <article className="card space-y-5" aria-labelledby="erklaerung-titel">
      <h1 id="erklaerung-titel">Erklärung zur Barrierefreiheit</h1>
      <p>
        Die Kommunen, die Fahrplan einsetzen, sind als öffentliche Stellen bestrebt, die Anwendung im Einklang mit dem
        Behindertengleichstellungsgesetz (BGG) und den Behindertengleichstellungsgesetzen der Länder sowie der
        Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen. Diese Erklärung gilt
        für die Webanwendung Fahrplan mit allen Seiten nach der Anmeldung, der Anmeldeseite, der öffentlichen Prüfung von
        Teilnahmebescheinigungen und den erzeugten PDF-Berichten.
      </p>

      <section aria-labelledby="stand" className="space-y-2">
        <h2 id="stand">Stand der Vereinbarkeit mit den Anforderungen</h2>
        <p>
          Fahrplan ist mit den Anforderungen der BITV 2.0 (WCAG 2.1, Konformitätsstufen A und AA, sowie EN 301 549){" "}
          <strong>teilweise vereinbar</strong>. Die unten genannten Inhalte sind nicht oder nicht vollständig barrierefrei.
        </p>
      </section>

      <section aria-labelledby="nicht-barrierefrei" className="space-y-2">
        <h2 id="nicht-barrierefrei">Nicht barrierefreie Inhalte</h2>
        <ul className="list-disc space-y-2 pl-6">
          <li>
            <strong>Hochgeladene Dokumente:</strong> Antragsunterlagen, Nachweise externer Fortbildungen und Logos laden
            Beschäftigte der Kommunen selbst hoch. Fahrplan prüft sie nicht auf Barrierefreiheit; gescannte Dokumente
            enthalten oft keinen lesbaren Text. Grund: Die Inhalte stammen von Dritten (Fördermittelgeber, Bildungsträger).
          </li>
          <li>
            <strong>PDF-Berichte:</strong> Die erzeugten Berichte sind mit Struktur-Tags und der Sprache Deutsch
            ausgezeichnet; eine vollständige Prüfung gegen PDF/UA steht noch aus. Tabellen mit vielen Spalten (z. B.
            Belegliste) können mit Screenreadern schwer zu erfassen sein. Dieselben Angaben stehen als HTML-Seiten und
            CSV-Dateien zur Verfügung.
          </li>
          <li>
            <strong>Grafiken:</strong> Der Fahrplan, die Diagramme der Übersicht und die Ablaufdiagramme sind Grafiken.
            Sie haben eine Textbeschreibung, und die Angaben stehen zusätzlich als Tabelle auf derselben Seite; die
            Grafiken selbst sind mit der Tastatur nicht einzeln bedienbar.
          </li>
          <li>
            <strong>Leichte Sprache und Gebärdensprache:</strong> Erläuterungen in Leichter Sprache und in Deutscher
            Gebärdensprache zu Inhalt und Bedienung (§ 4 BITV 2.0) fehlen bisher.
          </li>
        </ul>
      </section>

      <section aria-labelledby="erstellung" className="space-y-2">
        <h2 id="erstellung">Erstellung dieser Erklärung</h2>
        <p>
          Diese Erklärung wurde am {formatDate(STATEMENT_DATE)} erstellt. Grundlage ist eine Selbstbewertung durch die
          Entwicklung von Fahrplan: Die Seiten werden bei jeder Änderung der Anwendung in automatisierten Browser-Tests mit
          axe-core gegen WCAG 2.1 A und AA geprüft. Ein BITV-Test durch eine unabhängige Prüfstelle hat noch nicht
          stattgefunden.
        </p>
      </section>

      <section aria-labelledby="feedback" className="space-y-2">
        <h2 id="feedback">Feedback und Kontakt</h2>
        <p>
          Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen, oder benötigen Sie einen Inhalt in barrierefreier
          Form? Dann schreiben Sie uns über das <a href="#rueckmeldung" className="underline">Formular „Barriere melden“</a>{" "}
          unten auf dieser Seite. Die Rückmeldung erhält die Kommune, die Sie auswählen; sie antwortet Ihnen innerhalb
          eines Monats, wenn Sie eine E-Mail-Adresse angeben. Sie erreichen Ihre Kommune auch über die Kontaktangaben
          ihres Internetauftritts.
        </p>
      </section>

      <section aria-labelledby="schlichtung" className="space-y-2">
        <h2 id="schlichtung">Schlichtungsverfahren</h2>
        <p>
          Wenn auch nach Ihrer Rückmeldung keine zufriedenstellende Lösung gefunden wurde, können Sie sich an eine
          Schlichtungsstelle wenden. Für Stellen des Bundes ist das die Schlichtungsstelle nach § 16 BGG; für Kommunen
          ist die Schlichtungs- oder Durchsetzungsstelle nach dem Behindertengleichstellungsgesetz Ihres Bundeslandes
          zuständig. Die
          Schlichtungsstelle nach dem BGG hilft auch dabei, die zuständige Stelle zu finden. Das Verfahren ist kostenlos;
          Sie brauchen keinen Rechtsbeistand.
        </p>
        <address className="not-italic">
          Schlichtungsstelle nach dem Behindertengleichstellungsgesetz
          <br />
          bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen
          <br />
          Mauerstraße 53, 10117 Berlin
          <br />
          Telefon: 030 18 527-2805
          <br />
          E-Mail: <ExternalLink href="mailto:info@schlichtungsstelle-bgg.de" mailto>info@schlichtungsstelle-bgg.de</ExternalLink>
          <br />
          Internet: <ExternalLink href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</ExternalLink>
        </address>
      </section>
    </article>
  );
}
