import { z } from "zod";

// zod compiles object schemas with `new Function`, which the Content-Security-Policy forbids
// (no 'unsafe-eval'). Imported first in root.tsx and entry.server.tsx, before any schema exists:
// zod decides per schema, when it is created.
z.config({ jitless: true });
