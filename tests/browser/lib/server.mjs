// A static file server for one built site, as a web host would serve it:
// the site lives under its base path, a folder URL serves its index.html, a
// folder without its trailing slash redirects, and an unknown path gets the
// site's 404 page (the language's own one when the path is under /<lang>/).

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isDir(p) {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Serve `root` under `basePath` (decoded, starting and ending with `/`) on
 * 127.0.0.1 at a free port. Resolves to { origin, close() }.
 */
export async function serve(root, basePath) {
  const top = resolve(root);

  async function notFound(rel) {
    const lang = rel.split('/')[0];
    if (lang && (await isFile(join(top, lang, '404.html')))) {
      return join(top, lang, '404.html');
    }
    return join(top, '404.html');
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://localhost');
    let path;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let status = 200;
    let file = null;
    if (path.startsWith(basePath)) {
      const rel = path.slice(basePath.length);
      const candidate = resolve(top, rel);
      const inside = candidate === top || candidate.startsWith(top + sep);
      if (inside && (rel === '' || rel.endsWith('/')) && (await isFile(join(candidate, 'index.html')))) {
        file = join(candidate, 'index.html');
      } else if (inside && !rel.endsWith('/') && (await isFile(candidate))) {
        file = candidate;
      } else if (inside && !rel.endsWith('/') && (await isDir(candidate)) && (await isFile(join(candidate, 'index.html')))) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      if (!file) {
        status = 404;
        file = await notFound(rel);
      }
    } else {
      status = 404;
      file = join(top, '404.html');
    }
    let body;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found (and no 404.html)');
      return;
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(e));
    });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
