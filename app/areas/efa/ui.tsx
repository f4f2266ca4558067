/** Notice shown on every page that lists the catalogue while it holds example data. */
export function ExampleDataNotice({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <p className="alert-warning" role="note">
      <strong>Beispieldaten:</strong> Der Leistungskatalog enthält Beispieldaten zum Ausprobieren. Er ist nicht der amtliche
      OZG-Leistungskatalog; OZG-IDs, LeiKa-Schlüssel und EfA-Angebote sind erfunden. Importieren Sie für den Betrieb den aktuellen
      Katalog.
    </p>
  );
}
