import { registerAll } from "../../app/areas/registrations.server";

// What the server registers at start (app/entry.server.tsx), every integration and browser test file has too.
registerAll();
