import { BACKGROUND_JOBS } from "../../utils/jobs.server";
import { transaction } from "../../utils/db.server";
import { reclassifyProjects } from "./assessment.server";

// Time alone changes a classification (a milestone date passes, the planned end is exceeded), so
// every assessed project is re-checked regularly. Idempotent: only changed rows are written, and a
// run after downtime simply classifies against today's date.
BACKGROUND_JOBS.push({
  name: "assessment.reclassify",
  intervalMs: 6 * 60 * 60 * 1000,
  run: () => {
    const changed = transaction((tx) => reclassifyProjects(tx, {}));
    if (changed > 0) console.info(`[job assessment.reclassify] ${changed} project classifications updated`);
  },
});
