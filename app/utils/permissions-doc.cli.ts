/** `npm run docs:permissions`: writes the permission matrix from app/utils/permissions.ts into README.md. */
import fs from "node:fs";
import path from "node:path";
import { withPermissionMatrix } from "./permissions-doc";

const file = path.resolve("README.md");
const before = fs.readFileSync(file, "utf8");
const after = withPermissionMatrix(before);
if (after !== before) fs.writeFileSync(file, after);
console.log(after === before ? "README.md: Berechtigungsmatrix ist aktuell." : "README.md: Berechtigungsmatrix aktualisiert.");
