// Copies the few files the portal serves from node_modules into static/vendor/ (and the
// test-only axe-core into tests/e2e/vendor/). Run with `npm run vendor` after `npm ci`.
//
// Only built files and licences are copied, byte for byte, so a reviewer can compare them
// with the published package; herkomst.json records version and sha256 of each copy.
// node_modules stays out of git; the copies are committed, so the portal itself never needs
// node or npm to run.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");

const packages = [
  {
    name: "@rijkshuisstijl-community/components-css",
    target: "static/vendor/rijkshuisstijl-community/components-css",
    files: { "dist/index.css": "index.css", "LICENSE.md": "LICENSE.md" },
  },
  {
    // The tokens' licence reserves the Rijkshuisstijl to parties working for the
    // Rijksoverheid; the portal is built for the ministries, see LICENSE.md.
    name: "@rijkshuisstijl-community/design-tokens",
    target: "static/vendor/rijkshuisstijl-community/design-tokens",
    files: { "dist/index.css": "index.css", "LICENSE.md": "LICENSE.md" },
  },
  {
    name: "htmx.org",
    target: "static/vendor/htmx.org",
    files: { "dist/htmx.min.js": "htmx.min.js", LICENSE: "LICENSE" },
  },
  {
    // The public network map. Markers are drawn as circles, so the images are never shown;
    // the three that leaflet.css names (and the source map leaflet.js names) are copied all
    // the same, because the production static storage refuses a file that points at a
    // missing one.
    name: "leaflet",
    target: "static/vendor/leaflet",
    files: {
      "dist/leaflet.js": "leaflet.js",
      "dist/leaflet.js.map": "leaflet.js.map",
      "dist/leaflet.css": "leaflet.css",
      "dist/images/layers.png": "images/layers.png",
      "dist/images/layers-2x.png": "images/layers-2x.png",
      "dist/images/marker-icon.png": "images/marker-icon.png",
      LICENSE: "LICENSE",
    },
  },
  {
    // Test-only: injected into pages by the browser tests; never served by the portal.
    name: "axe-core",
    target: "tests/e2e/vendor",
    files: {
      "axe.min.js": "axe.min.js",
      LICENSE: "LICENSE-axe-core",
      "LICENSE-3RD-PARTY.txt": "LICENSE-3RD-PARTY-axe-core.txt",
    },
  },
];

const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies;

for (const target of new Set(packages.map((p) => p.target))) {
  if (target.startsWith("static/vendor/")) rmSync(join(root, target), { recursive: true, force: true });
}

const herkomst = {};
for (const pkg of packages) {
  const source = join(modules, pkg.name);
  const installed = JSON.parse(readFileSync(join(source, "package.json"), "utf8")).version;
  if (installed !== pinned[pkg.name]) {
    throw new Error(`${pkg.name}: installed ${installed}, package.json pins ${pinned[pkg.name]}; run npm ci`);
  }
  const files = {};
  for (const [from, to] of Object.entries(pkg.files)) {
    const destination = join(root, pkg.target, to);
    mkdirSync(dirname(destination), { recursive: true });
    copyFileSync(join(source, from), destination);
    files[relative(root, destination)] = createHash("sha256").update(readFileSync(destination)).digest("hex");
  }
  herkomst[pkg.name] = { version: installed, files };
  console.log(`${pkg.name}@${installed} -> ${pkg.target}`);
}

writeFileSync(join(root, "static/vendor/herkomst.json"), `${JSON.stringify(herkomst, null, 2)}\n`);
