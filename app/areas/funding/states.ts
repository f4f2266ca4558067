/**
 * States and steps of the `fundingApplication` definition that the funding code names. The
 * subject's contract (workflow.server.ts) requires them, so no Kommune can deploy a version
 * without them.
 */

/** States in which the finance plan may still change (afterwards only through an amendment). */
export const PLAN_EDITABLE_STATES = ["drafting", "projectOutline", "amendmentRequested"];
/** States after a positive decision, in which money flows. */
export const GRANTED_STATES = ["approved", "inProgress", "amendmentRequested", "interimReport", "finalReportSubmitted", "finalReportReviewed", "reclaim", "closed"];
/** States that end an application: no deadline applies any more. */
export const CLOSED_STATES = ["closed", "rejected", "withdrawn"];
/** The Kämmerei confirms the own contribution only here. */
export const INTERNAL_REVIEW = "internalReview";
/** Submitted to the funder: the submission date and the decision are recorded here. */
export const SUBMITTED = "submitted";
/** Where a Rückforderung may be recorded. */
export const RECLAIM_FROM = ["inProgress", "finalReportReviewed"];
