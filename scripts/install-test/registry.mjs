#!/usr/bin/env node
/*
 * A read-only npm registry for the suite's packed tarballs, standing in for npmjs.com in the install test: the test app
 * sends the @slipway scope here (npmScopes in its .yarnrc.yml) and everything else to the real registry, so the guide's
 * `yarn add @slipway/…` runs exactly as it will once the packages are published. It serves the registry API's two
 * documented reads: a package document (GET /@scope%2fname) and a tarball.
 *
 * Usage: node registry.mjs <folder of .tgz files> <port>
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const [folder, port] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;

/** name → { document, tarballs: file name → bytes } */
const packages = new Map();
for (const file of readdirSync(folder).filter(f => f.endsWith('.tgz'))) {
  const bytes = readFileSync(join(folder, file));
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', join(folder, file), 'package/package.json']),
  );
  const tarball = `${base}/${manifest.name}/-/${file}`;
  packages.set(manifest.name, {
    tarballs: { [file]: bytes },
    document: {
      name: manifest.name,
      'dist-tags': { latest: manifest.version },
      versions: {
        [manifest.version]: {
          ...manifest,
          dist: {
            tarball,
            shasum: createHash('sha1').update(bytes).digest('hex'),
            integrity: `sha512-${createHash('sha512')
              .update(bytes)
              .digest('base64')}`,
          },
        },
      },
    },
  });
}

createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, base).pathname).slice(1);
  const [scope, name, dash, file] = path.split('/');
  const entry = packages.get(`${scope}/${name}`);
  if (entry && !dash) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(entry.document));
  } else if (entry && dash === '-' && entry.tarballs[file]) {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(entry.tarballs[file]);
  } else {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `not found: ${path}` }));
  }
}).listen(Number(port), '127.0.0.1', () =>
  console.log(
    `[install-test] registry for ${[...packages.keys()].join(', ')} on ${base}`,
  ),
);
