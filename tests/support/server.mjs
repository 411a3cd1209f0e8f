// A static file server for the tests: serves public/ on 127.0.0.1 at a free
// port, with the MIME types a static host would send (wasm included).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// RW_PUBLIC serves another copy of the site (a developer's scratch build).
export const PUBLIC = process.env.RW_PUBLIC
  ? resolve(process.env.RW_PUBLIC)
  : resolve(fileURLToPath(new URL('../../public/', import.meta.url)));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Starts a server for `root` (default public/), optionally under a sub-path
 * prefix. It listens on 127.0.0.1; `hostname: 'localhost'` names it so in
 * its URL, which makes it another site than a 127.0.0.1 server for the
 * browser (a cross-site frame, third-party storage rules).
 */
export async function serve({ root = PUBLIC, prefix = '/', hostname = '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let path = normalize(join(root, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!path.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://${hostname}:${port}${prefix}`,
    // Dropping kept-alive connections too, so a closed server really is gone.
    close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }),
  };
}
