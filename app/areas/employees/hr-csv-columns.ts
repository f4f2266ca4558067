/* The HR export columns, apart from the CSV reader (Node-only packages) so the import page can list them. */
export const EMPLOYEE_CSV_REQUIRED = ["Personalnummer", "Nachname", "Vorname", "Organisationseinheit"] as const;
export const EMPLOYEE_CSV_OPTIONAL = ["E-Mail", "Funktion", "Führungskraft", "Austrittsdatum"] as const;
