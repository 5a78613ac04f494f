// Writes every vector exported by the cctv-age npm package to its own file, named as in C2SP/CCTV age/testdata.
const fs = require("fs");
const path = require("path");
const [pkgDir, outDir] = process.argv.slice(2);
const vectors = require(path.resolve(pkgDir));
fs.mkdirSync(outDir, { recursive: true });
let n = 0;
for (const [name, bytes] of Object.entries(vectors)) {
  fs.writeFileSync(path.join(outDir, name), Buffer.from(bytes));
  n++;
}
console.error(`testpeers: wrote ${n} CCTV age vectors to ${outDir}`);
