import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fundingProgrammes, municipalities, trainingCourses, trainingSessions } from "../../db/schema";
import * as programmeNewRoute from "~/routes/_app.foerderung.programme.neu";
import * as newSessionRoute from "~/routes/_app.schulungen.termine.neu";
import * as newCourseRoute from "~/routes/_app.schulungen.formate.neu";
import * as loginRoute from "~/routes/login";
import * as certificateCheckRoute from "~/routes/bescheinigung.$code";
import * as switchRoute from "~/routes/kommune-wechseln";
import * as reportIssueRoute from "~/routes/_app.berichte.erzeugen";
import { csrfToken } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { DEMO_PASSWORD } from "../../db/seed/organisation";
import { callAction, jsonBody, signIn } from "../support/requests";

const db = () => getDb();
const musterstadt = () => db().select().from(municipalities).where(eq(municipalities.name, "Musterstadt")).get()!.id;

/** Spellings of `javascript:` a browser still runs (the WHATWG parser strips tabs and newlines). */
const SCRIPT_LINKS = [
  "javascript:fetch('/verwaltung/benutzer/neu',{method:'POST'})",
  "JavaScript:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
];

describe("stored links accept only web addresses", () => {
  const programmeForm = { version: "0", funder: "Land (Test)", fundingType: "share", rateBp: "50", ancillaryProvisions: "ANBest-Gk", roundingRule: "euroDown", drawdownWindowMonths: "2", finalReportMonths: "6", permittedDeviationBp: "20", totalOverrunToleranceBp: "10", reclaimInterestBp: "5" };

  it("refuses a programme 'Quelle' with a script link, with a German message at the field, and saves nothing", async () => {
    const finance = await signIn("kaemmerei@musterstadt.example");
    for (const [i, sourceUrl] of SCRIPT_LINKS.entries()) {
      const name = `Angriff ${i}`;
      const res = await callAction(programmeNewRoute.action, "/foerderung/programme/neu", { caller: finance, form: { ...programmeForm, name, sourceUrl } });
      expect(res.status, sourceUrl).toBe(400);
      expect((await jsonBody(res)).error.sourceUrl[0]).toContain("https://");
      expect(db().select().from(fundingProgrammes).where(eq(fundingProgrammes.name, name)).get()).toBeUndefined();
    }
    const ok = await callAction(programmeNewRoute.action, "/foerderung/programme/neu", { caller: finance, form: { ...programmeForm, name: "Mit Quelle", sourceUrl: "https://www.example.de/richtlinie" } });
    expect(ok.status).toBe(302);
    expect(db().select().from(fundingProgrammes).where(eq(fundingProgrammes.name, "Mit Quelle")).get()!.sourceUrl).toBe("https://www.example.de/richtlinie");
  });

  it("refuses a session 'Online-Link' with a script link", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const course = db().select().from(trainingCourses).where(eq(trainingCourses.municipalityId, musterstadt())).get()!;
    const form = { courseId: String(course.id), date: "2027-04-10", startTime: "09:00", endTime: "11:00", trainerName: "Extern", capacity: "10", registrationDeadline: "2027-04-05" };
    const before = db().select().from(trainingSessions).all().length;
    for (const onlineUrl of SCRIPT_LINKS) {
      const res = await callAction(newSessionRoute.action, "/", { caller: cdo, form: { ...form, onlineUrl } });
      expect(res.status, onlineUrl).toBe(400);
      expect((await jsonBody(res)).error.onlineUrl[0]).toContain("https://");
    }
    expect(db().select().from(trainingSessions).all()).toHaveLength(before);
    const ok = await callAction(newSessionRoute.action, "/", { caller: cdo, form: { ...form, onlineUrl: "https://meet.example/raum" } });
    expect(ok.status).toBe(302);
  });
});

/** A login form post with a fresh CSRF token, from the given query string's redirectTo. */
async function login(redirectTo: string) {
  const { token, setCookie } = await csrfToken(new Request("http://localhost/login"));
  const body = new FormData();
  body.set("email", "cdo@musterstadt.example");
  body.set("password", DEMO_PASSWORD);
  body.set("csrf", token);
  body.set("redirectTo", redirectTo);
  const request = new Request("http://localhost/login", { method: "POST", body, headers: { Cookie: setCookie!.split(";")[0] } });
  return (await loginRoute.action({ request, params: {}, context: { clientAddress: "10.9.9.9" } }).catch((e) => e)) as Response;
}

/** Where a browser on this site goes with the answer's Location header. */
function browserTarget(res: Response): URL {
  expect(res.status).toBe(302);
  return new URL(res.headers.get("Location")!, "http://localhost:8081/login");
}

// Each decodes (as the login page's hidden field does) to a path a browser reads as another host.
const FOREIGN = ["/\\127.0.0.2:8081/phish", "//127.0.0.2/phish", "/\\/127.0.0.2/", "/\t/127.0.0.2/", "/.//127.0.0.2/x", "https://127.0.0.2/", "/%5C127.0.0.2/"];

describe("redirect targets from input stay on this site", () => {
  it("login: ?redirectTo=/%5C127.0.0.2:8081/phish and its variants do not leave the host", async () => {
    for (const to of FOREIGN) {
      const target = browserTarget(await login(to));
      expect(target.host, to).toBe("localhost:8081");
    }
    expect(browserTarget(await login("/projekte?status=idea")).pathname + browserTarget(await login("/projekte?status=idea")).search).toBe("/projekte?status=idea");
  });

  it("Kommune wechseln: returnTo does not leave the host", async () => {
    const admin = await signIn("admin@fahrplan.example");
    const other = db().select().from(municipalities).where(eq(municipalities.name, "Kleinhausen")).get()!.id;
    for (const returnTo of FOREIGN) {
      const res = await callAction(switchRoute.action, "/kommune-wechseln", { caller: admin, form: { municipalityId: String(other), returnTo } });
      expect(browserTarget(res).host, returnTo).toBe("localhost:8081");
    }
    const res = await callAction(switchRoute.action, "/kommune-wechseln", { caller: admin, form: { municipalityId: String(other), returnTo: "/schulungen/termine/5" } });
    expect(res.headers.get("Location")).toBe("/schulungen");
  });

  it("report issue: a foreign redirectTo falls back to a local page", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    for (const redirectTo of FOREIGN) {
      const res = await callAction(reportIssueRoute.action, "/berichte/erzeugen", { caller: cdo, form: { typ: "unbekannt", redirectTo } });
      expect(browserTarget(res).host, redirectTo).toBe("localhost:8081");
    }
  });
});

describe("text hygiene", () => {
  it("a form post with NUL and bidi override characters is saved without them", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const res = await callAction(newCourseRoute.action, "/", {
      caller: cdo,
      form: { title: "Daten\u0000schutz \u202eku\u2066rs\u2069", topic: "eFile", durationHours: "2", format: "online", description: "Zeile 1\r\nZeile\u202d 2" },
    });
    expect(res.status).toBe(302);
    const courseId = Number(res.headers.get("Location")!.split("/").pop());
    const course = db().select().from(trainingCourses).where(eq(trainingCourses.id, courseId)).get()!;
    expect(course.title).toBe("Datenschutz kurs");
    expect(course.description).toBe("Zeile 1\r\nZeile 2");
  });
});

describe("public certificate check", () => {
  const check = (address: string, code: string) =>
    Promise.resolve()
      .then(() => certificateCheckRoute.loader({ request: new Request(`http://localhost/bescheinigung/${code}`), params: { code }, context: { clientAddress: address } }))
      .catch((e: unknown) => e as Response);

  it("answers 429 in German with Retry-After once an address has guessed too many codes; other addresses are unaffected", async () => {
    const { max } = certificateCheckRoute.CERTIFICATE_CHECK_LIMIT;
    const statuses: number[] = [];
    for (let i = 0; i < max + 5; i++) statuses.push((await check("10.66.0.1", `AAAA-BBBB-${String(i).padStart(4, "0")}`)).status);
    expect(statuses.slice(0, max).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(max)).toEqual([429, 429, 429, 429, 429]);
    const limited = await check("10.66.0.1", "AAAA-BBBB-CCCC");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await limited.json()).message).toMatch(/zu viele Prüfcodes abgefragt/);
    expect((await check("10.66.0.2", "AAAA-BBBB-CCCC")).status).toBe(404);
  });
});
