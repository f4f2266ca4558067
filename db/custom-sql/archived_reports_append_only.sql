-- Issued reports are evidence: the archive refuses edits and deletions.
CREATE TRIGGER archived_reports_no_update BEFORE UPDATE ON archived_reports
BEGIN
  SELECT RAISE(ABORT, 'archived_reports is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER archived_reports_no_delete BEFORE DELETE ON archived_reports
BEGIN
  SELECT RAISE(ABORT, 'archived_reports is append-only');
END;
