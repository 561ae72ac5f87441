// Gives dist's index.html the SHA-384 (subresource integrity) of the files it names with one, as
// they are now: a file changed after Trunk wrote the page (the split module, minified files) is
// otherwise refused by the browser. Usage: node scripts/integrity.mjs <folder> [file…]; each file
// named must be one index.html gives an integrity to.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const [dir, ...required] = process.argv.slice(2);
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
const named = new Set();
html = html.replace(/(href="\.\/([^"]+)"[^>]*integrity=")[^"]*"/g, (_, head, name) => {
  named.add(name);
  return `${head}sha384-${createHash('sha384').update(readFileSync(join(dir, name))).digest('base64')}"`;
});
for (const name of required) {
  if (!named.has(name)) throw new Error(`index.html has no integrity for ${name}`);
}
writeFileSync(page, html);
