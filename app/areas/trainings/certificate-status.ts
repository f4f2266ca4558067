/**
 * A certificate is valid while its registration counts as attended. When attendance is corrected
 * afterwards, the code is kept so that the public check can answer "widerrufen".
 */
export function certificateValid(r: { certificateCode: string | null; attendance: string | null; status?: string }): boolean {
  return r.certificateCode != null && r.attendance === "present" && (r.status === undefined || r.status === "registered");
}
