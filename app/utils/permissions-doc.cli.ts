/** `npm run docs:permissions`: writes the permission matrix from app/utils/permissions.ts into docs/permissions.md. */
import fs from "node:fs";
import path from "node:path";
import { withPermissionMatrix } from "./permissions-doc";

const file = path.resolve("docs/permissions.md");
const before = fs.readFileSync(file, "utf8");
const after = withPermissionMatrix(before);
if (after !== before) fs.writeFileSync(file, after);
console.log(after === before ? "docs/permissions.md: Berechtigungsmatrix ist aktuell." : "docs/permissions.md: Berechtigungsmatrix aktualisiert.");
