/**
 * Constants of the assignment page shared by the server and the browser bundle (the browser gets
 * empty `.server` modules, so a value the form schema or the links need cannot live there).
 */

/** `?betreuung=ohne`: only the Kommunen no manager looks after. */
export const WITHOUT_MANAGER = "ohne";

/** Most Kommunen one bulk assignment takes (a provider has a few hundred). */
export const MAX_BULK_ASSIGNMENTS = 1000;
