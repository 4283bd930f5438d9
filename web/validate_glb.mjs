// Khronos glTF validator over one or more .glb files; prints one JSON report per line
// ({uri, numErrors, numWarnings, messages: [...first errors/warnings], info}) and exits 1
// when any file has an error.  Usage: node web/validate_glb.mjs FILE.glb [...]
import { readFile } from "node:fs/promises";
import validator from "gltf-validator";

let failed = false;
for (const path of process.argv.slice(2)) {
  const bytes = new Uint8Array(await readFile(path));
  const report = await validator.validateBytes(bytes, { uri: path, maxIssues: 200 });
  const issues = report.issues;
  failed ||= issues.numErrors > 0;
  console.log(JSON.stringify({
    uri: path,
    numErrors: issues.numErrors,
    numWarnings: issues.numWarnings,
    numInfos: issues.numInfos,
    messages: issues.messages.filter((m) => m.severity <= 1).slice(0, 20),
    info: report.info,
  }));
}
process.exit(failed ? 1 : 0);
