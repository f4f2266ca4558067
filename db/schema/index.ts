// Every area's tables, in one place for drizzle-kit and the typed client.
export * from "./org";
export * from "./audit";
