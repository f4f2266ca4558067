import type { CatalogueInput } from "./catalogue";

/**
 * The catalogue Fahrplan ships: the five fields of the Bitkom Smart City Index plus Digitale
 * Organisation, 40 items with a descriptor for each level 0–4 and the measures proposed for a gap.
 * Written for this product; platform administrators publish new versions (same schema).
 */
type Row = [code: string, title: string, levels: [string, string, string, string, string], measure: string, tag: string, topic?: string];

const AREAS: Record<CatalogueInput["items"][number]["area"], Row[]> = {
  administration: [
    ["VW-01", "Online-Verwaltungsleistungen (OZG)", ["Keine Leistung online", "Einzelne Formulare als PDF", "Wichtige Leistungen online beantragbar", "Die meisten Leistungen Ende-zu-Ende digital", "Alle Leistungen digital, medienbruchfrei und mit Rückkanal"], "Die meistgenutzten Leistungen priorisieren und über EfA-Dienste Ende-zu-Ende digitalisieren", "Verwaltung", "ozgProcesses"],
    ["VW-02", "E-Akte", ["Papierakten", "E-Akte in einem Pilotbereich", "E-Akte in mehreren Fachbereichen", "E-Akte in fast allen Fachbereichen", "E-Akte verwaltungsweit, Papier nur noch im Ausnahmefall"], "Einführung der E-Akte in weiteren Fachbereichen mit Scan-Konzept und Schulung", "Verwaltung", "eFile"],
    ["VW-03", "Digitale Bezahlverfahren", ["Nur Bargeld und Überweisung", "EC-Karte an einzelnen Kassen", "E-Payment für einzelne Online-Leistungen", "E-Payment für die meisten Leistungen", "Durchgängig digitale Zahlung mit automatischer Verbuchung"], "E-Payment an das Bürgerportal anbinden und automatisch verbuchen", "Verwaltung"],
    ["VW-04", "Digitaler Posteingang", ["Post nur auf Papier", "Eingangsscan in der Poststelle für Einzelfälle", "Zentraler Scan mit Verteilung per E-Mail", "Digitaler Posteingang mit Übergabe an die E-Akte", "Automatisierte Zuordnung eingehender Dokumente"], "Zentralen digitalen Posteingang mit Übergabe an die E-Akte aufbauen", "Verwaltung", "eFile"],
    ["VW-05", "Fachverfahren und Schnittstellen", ["Fachverfahren ohne Schnittstellen", "Einzelne Dateiexporte", "Wichtige Verfahren über Schnittstellen verbunden", "Standardisierte Schnittstellen (XÖV) für die meisten Verfahren", "Durchgängig vernetzte Verfahren ohne Doppelerfassung"], "Schnittstellenkonzept (XÖV) für die wichtigsten Fachverfahren erstellen und umsetzen", "Verwaltung", "specialistProcedures"],
    ["VW-06", "Bürgerkonto und digitale Identität", ["Keine digitale Identifizierung", "Bürgerkonto bekannt, nicht angebunden", "Bürgerkonto für einzelne Leistungen", "BundID/Bürgerkonto für die meisten Leistungen", "Durchgängige Nutzung mit Postfach und Bescheidzustellung"], "Bürgerkonto und Postfach an alle Online-Leistungen anbinden", "Verwaltung", "ozgProcesses"],
    ["VW-07", "Offene Daten", ["Keine Daten veröffentlicht", "Einzelne Datensätze auf der Website", "Offene-Daten-Portal mit ersten Datensätzen", "Regelmäßige Veröffentlichung nach Standard", "Open by Default mit Schnittstellen und Nutzungsbeispielen"], "Datensätze für ein Offene-Daten-Portal auswählen und nach Standard veröffentlichen", "Verwaltung"],
  ],
  infrastructure: [
    ["IT-01", "Breitband in Verwaltungsgebäuden", ["Unter 50 Mbit/s", "Bis 100 Mbit/s in der Hauptverwaltung", "Glasfaser in der Hauptverwaltung", "Glasfaser in den meisten Standorten", "Glasfaser an allen Standorten mit Redundanz"], "Glasfaseranbindung der Außenstellen planen und Fördermittel beantragen", "Infrastruktur"],
    ["IT-02", "WLAN in öffentlichen Einrichtungen", ["Kein WLAN", "WLAN in einzelnen Räumen", "WLAN in der Hauptverwaltung", "WLAN in Schulen, Bibliotheken und Bürgerhäusern", "Flächendeckendes, gemanagtes WLAN mit Gastzugang"], "Ausbau eines gemanagten WLAN in öffentlichen Einrichtungen", "Infrastruktur"],
    ["IT-03", "Informationssicherheit", ["Kein Sicherheitskonzept", "Einzelne technische Maßnahmen", "Informationssicherheitsbeauftragte/r benannt", "Sicherheitskonzept nach BSI-Grundschutz in Umsetzung", "Zertifiziertes ISMS mit regelmäßigen Übungen"], "Informationssicherheitsmanagement nach BSI-Grundschutz einführen", "Infrastruktur", "itSecurity"],
    ["IT-04", "Arbeitsplatzausstattung", ["Veraltete Geräte", "Einzelne mobile Geräte", "Mobile Geräte für Führungskräfte", "Mobiles Arbeiten für alle, die es brauchen", "Moderner Arbeitsplatz mit zentraler Verwaltung"], "Ausstattung für mobiles Arbeiten mit zentralem Gerätemanagement", "Infrastruktur"],
    ["IT-05", "Rechenzentrum und Betrieb", ["Server im Abstellraum", "Eigener Serverraum ohne Notfallplan", "Serverraum mit Datensicherung", "Betrieb durch kommunalen IT-Dienstleister", "Georedundanter Betrieb mit Service-Vereinbarungen"], "Betriebsmodell mit dem kommunalen IT-Dienstleister vereinbaren", "Infrastruktur", "itSecurity"],
    ["IT-06", "Digitale Kommunikation mit Bürgerinnen und Bürgern", ["Nur Telefon und Brief", "Website mit Kontaktformular", "Website und soziale Medien", "Barrierefreie Website mit Termin- und Chatangeboten", "Kanalübergreifendes Kundenmanagement"], "Barrierefreie Website mit Online-Terminvergabe einführen", "Bürgerservice"],
    ["IT-07", "Geodaten und digitaler Zwilling", ["Keine digitalen Geodaten", "Geodaten in Einzelanwendungen", "Zentrales Geoinformationssystem", "Geodaten in Fachverfahren und im Internet", "Digitaler Zwilling für Planung und Beteiligung"], "Zentrales Geoinformationssystem aufbauen und Geodaten veröffentlichen", "Infrastruktur"],
  ],
  energy: [
    ["EU-01", "Energiemonitoring kommunaler Gebäude", ["Keine Verbrauchserfassung", "Jährliche Ablesung", "Monatliche Erfassung in Tabellen", "Automatische Zählerfernauslesung", "Energiemanagementsystem mit Steuerung"], "Zählerfernauslesung und Energiemanagement für kommunale Gebäude", "Energie"],
    ["EU-02", "Intelligente Straßenbeleuchtung", ["Konventionelle Beleuchtung", "Einzelne LED-Leuchten", "LED in den meisten Straßen", "LED mit zeitgesteuerter Dimmung", "Bedarfsgesteuerte, vernetzte Beleuchtung"], "Umstellung auf vernetzte LED-Beleuchtung mit Bedarfssteuerung", "Energie"],
    ["EU-03", "Umweltsensorik", ["Keine Messungen", "Einzelne Messstellen des Landes", "Eigene Sensoren in Pilotgebieten", "Sensornetz für Luft, Lärm oder Wasser", "Offene Umweltdaten in Echtzeit"], "Pilotnetz für Umweltsensorik (LoRaWAN) aufbauen", "Energie"],
    ["EU-04", "Digitale Abfallwirtschaft", ["Papierkalender", "Abfallkalender online", "Abfall-App mit Erinnerung", "Füllstandssensoren in Teilen", "Bedarfsgesteuerte Tourenplanung"], "Abfall-App und Füllstandssensoren für Wertstoffcontainer", "Energie"],
    ["EU-05", "Klimaschutz-Controlling", ["Kein Controlling", "Einzelne Berichte", "Jährliche CO₂-Bilanz", "Digitales Klimaschutz-Controlling", "Maßnahmensteuerung mit öffentlichem Dashboard"], "Digitales Klimaschutz-Controlling mit öffentlichem Dashboard", "Energie"],
    ["EU-06", "Erneuerbare Energien auf kommunalen Flächen", ["Keine Übersicht", "Einzelne Anlagen", "Potenzialkataster erstellt", "Digitales Anlagenregister mit Ertragsdaten", "Vernetzte Steuerung von Erzeugung und Verbrauch"], "Solarpotenzialkataster und Anlagenregister aufbauen", "Energie"],
  ],
  mobility: [
    ["MO-01", "Digitale Parkraumbewirtschaftung", ["Parkscheinautomaten mit Münzen", "Automaten mit Kartenzahlung", "Handyparken", "Sensoren und Parkleitsystem", "Dynamische, datenbasierte Parkraumsteuerung"], "Handyparken und Parkleitsystem einführen", "Mobilität"],
    ["MO-02", "ÖPNV-Echtzeitinformation", ["Nur gedruckte Fahrpläne", "Fahrpläne online", "Echtzeitdaten in einer App", "Dynamische Anzeigen an wichtigen Haltestellen", "Vernetzte Reiseauskunft über alle Verkehrsmittel"], "Echtzeitanzeigen an Haltestellen mit dem Verkehrsverbund", "Mobilität"],
    ["MO-03", "Sharing-Angebote", ["Keine Angebote", "Einzelne private Angebote", "Bike- oder Carsharing an einzelnen Orten", "Mobilitätsstationen", "Integrierte Buchung aller Angebote"], "Mobilitätsstationen mit Sharing-Angeboten planen", "Mobilität"],
    ["MO-04", "Ladeinfrastruktur", ["Keine Ladepunkte", "Einzelne Ladepunkte", "Ladepunkte an kommunalen Gebäuden", "Ladepunkte im öffentlichen Raum nach Bedarf", "Vernetzte Ladeinfrastruktur mit Lastmanagement"], "Ladeinfrastrukturkonzept mit Standortanalyse", "Mobilität"],
    ["MO-05", "Verkehrsdaten", ["Keine Daten", "Manuelle Zählungen", "Dauerzählstellen", "Verkehrsdaten in einer Plattform", "Verkehrssteuerung auf Basis von Echtzeitdaten"], "Verkehrsdatenplattform mit Dauerzählstellen aufbauen", "Mobilität"],
    ["MO-06", "On-Demand-Verkehre im ländlichen Raum", ["Kein Angebot", "Rufbus per Telefon", "Rufbus mit Online-Buchung", "On-Demand-Verkehr mit App", "Integriert in ÖPNV-Tarif und Auskunft"], "On-Demand-Verkehr mit App-Buchung erproben", "Mobilität"],
  ],
  society: [
    ["GB-01", "Digitale Schulen", ["Keine Ausstattung", "Einzelne Klassensätze", "WLAN und Präsentationstechnik", "Lernplattform und Geräte für alle", "Medienentwicklungsplan mit IT-Support"], "Medienentwicklungsplan mit IT-Support für alle Schulen", "Bildung"],
    ["GB-02", "Digitale Teilhabe", ["Kein Angebot", "Einzelne Kurse der Volkshochschule", "Regelmäßige Angebote für Ältere", "Digitallotsen in Stadtteilen", "Flächendeckendes Netz von Anlaufstellen"], "Digitallotsen-Netz für Bürgerinnen und Bürger aufbauen", "Bildung"],
    ["GB-03", "Online-Beteiligung", ["Keine Beteiligung online", "Umfragen per E-Mail", "Beteiligungsplattform für Einzelverfahren", "Regelmäßige Online-Beteiligung", "Beteiligung mit Rückmeldung, was umgesetzt wurde"], "Beteiligungsplattform für Planungsverfahren einführen", "Bürgerservice"],
    ["GB-04", "Digitale Bibliothek", ["Nur Ausleihe vor Ort", "Online-Katalog", "E-Medien-Ausleihe", "Selbstverbuchung und Open Library", "Bibliothek als digitaler Lernort"], "Open-Library-Konzept mit Selbstverbuchung", "Bildung"],
    ["GB-05", "Digitale Gesundheit und Pflege", ["Keine Angebote", "Informationen auf der Website", "Online-Pflegeberatung", "Vernetzte Beratungsangebote", "Telemedizinische Angebote mit Partnern"], "Online-Pflegeberatung mit regionalen Partnern", "Bürgerservice"],
    ["GB-06", "Ehrenamt und Vereine digital", ["Kein Angebot", "Vereinsliste online", "Raumbuchung online", "Ehrenamtsplattform", "Vernetzte Plattform mit Förderung und Beratung"], "Online-Raumbuchung und Ehrenamtsplattform", "Bürgerservice"],
  ],
  organisation: [
    ["DO-01", "Digitalstrategie", ["Keine Strategie", "Einzelne Vorhaben", "Strategie in Erarbeitung", "Vom Rat beschlossene Strategie", "Strategie mit Zielen, Kennzahlen und jährlicher Fortschreibung"], "Digitalagenda mit messbaren Zielen erarbeiten und vom Rat beschließen lassen", "Verwaltung"],
    ["DO-02", "CDO-Rolle", ["Niemand zuständig", "Zuständigkeit nebenbei", "Benannte Person mit Teilzeitanteil", "CDO-Stelle mit Budget", "Digitalbüro mit Team und Mandat"], "CDO-Rolle mit Mandat und Budget schaffen", "Verwaltung", "changeAgile"],
    ["DO-03", "Qualifizierung der Beschäftigten", ["Keine Schulungen", "Einzelne Schulungen auf Nachfrage", "Schulungsangebot für Grundkompetenzen", "Qualifizierungsplan für alle Beschäftigten", "Laufende Qualifizierung mit Nachweis und Erfolgskontrolle"], "Qualifizierungsplan für digitale Grundkompetenzen aller Beschäftigten", "Verwaltung", "digitalLiteracy"],
    ["DO-04", "Fachbereichsübergreifende Zusammenarbeit", ["Jeder Fachbereich für sich", "Gelegentliche Abstimmung", "Projektteams über Fachbereiche hinweg", "Feste Task Forces und Digitallotsen", "Zusammenarbeit als Regel, gemessen und gefördert"], "Fachbereichsübergreifende Projektteams und Digitallotsen-Netzwerk", "Verwaltung", "changeAgile"],
    ["DO-05", "Fördermittelkompetenz", ["Keine Anträge", "Einzelne Anträge mit externer Hilfe", "Zuständige Person für Fördermittel", "Fördermittelmanagement mit Übersicht und Fristen", "Strategische Förderplanung mit Eigenanteil im Haushalt"], "Fördermittelmanagement mit Fristenübersicht und Eigenanteil im Haushalt", "Verwaltung"],
    ["DO-06", "Prozessmanagement", ["Keine Prozessdokumentation", "Einzelne Prozesse beschrieben", "Prozesslandkarte vorhanden", "Wichtige Prozesse modelliert und optimiert", "Kontinuierliche Prozessverbesserung"], "Prozesslandkarte und Modellierung der wichtigsten Prozesse", "Verwaltung", "ozgProcesses"],
    ["DO-07", "Datenschutz", ["Keine Zuständigkeit", "Externe Beratung im Einzelfall", "Datenschutzbeauftragte/r benannt", "Verzeichnis der Verarbeitungen vollständig", "Datenschutz von Anfang an in jedem Projekt"], "Verzeichnis der Verarbeitungstätigkeiten vervollständigen und Datenschutz in Projekte einbinden", "Verwaltung", "dataProtection"],
    ["DO-08", "Interkommunale Zusammenarbeit", ["Keine Zusammenarbeit", "Erfahrungsaustausch", "Gemeinsame Beschaffung im Einzelfall", "Gemeinsame Projekte mit Nachbarkommunen", "Dauerhafte Kooperation mit geteilten Diensten"], "Gemeinsames Projekt mit Nachbarkommunen oder dem Roll-in-Service", "Verwaltung"],
  ],
};

export const DEFAULT_CATALOGUE: CatalogueInput = {
  title: "Fahrplan-Reifegradmodell",
  items: Object.entries(AREAS).flatMap(([area, rows]) =>
    rows.map(([code, title, levels, measure, tag, topic]) => ({
      code,
      area: area as CatalogueInput["items"][number]["area"],
      title,
      levels,
      purposeTag: tag,
      trainingTopic: (topic ?? null) as CatalogueInput["items"][number]["trainingTopic"],
      // A small gap gets the first step, a large one the whole measure.
      recommendations: [
        { minGap: 1, text: `Erster Schritt: ${measure}` },
        { minGap: 2, text: `${measure} (als Projekt mit Meilensteinen über zwei Jahre)` },
      ],
    })),
  ),
};
