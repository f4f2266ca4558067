// Every area's tables, in one place for drizzle-kit and the typed client.
export * from "./org";
export * from "./audit";
export * from "./agenda";
export * from "./projects";
export * from "./workflow";
export * from "./trainings";
export * from "./funding";
export * from "./funding-contributors";
export * from "./assessment";
export * from "./teams";
export * from "./reports";
export * from "./security";
export * from "./dashboard";
export * from "./maturity";
export * from "./status-reports";
