// Serving the built renderer: only files inside rendererDir, with exact content types.
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export const contentTypeFor = (file: string): string =>
  CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

export type StaticLookup =
  | { kind: 'file'; file: string; size: number; contentType: string; isIndex: boolean }
  | { kind: 'forbidden' }
  | { kind: 'not-found' }
  | { kind: 'bad-request' };

const inside = (root: string, target: string): boolean => {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/**
 * Maps a request path (the raw path of the URL, without the query) to a file inside rendererDir.
 * Refuses rather than normalises: `..` segments (also percent-encoded), backslashes, NUL bytes and
 * dot-files are never served, and symlinks must not lead outside the folder either.
 */
export async function lookupStatic(rendererDir: string, rawPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad-request' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { kind: 'forbidden' };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'forbidden' };
  if (segments.some((s) => s.startsWith('.') || s.includes(':'))) return { kind: 'not-found' };

  const root = resolve(rendererDir);
  const isIndex = segments.length === 0 || (segments.length === 1 && segments[0] === 'index.html');
  const target = isIndex ? join(root, 'index.html') : resolve(root, ...segments);
  if (!inside(root, target)) return { kind: 'forbidden' };
  try {
    const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(target)]);
    if (!inside(realRoot, realTarget)) return { kind: 'forbidden' };
    const info = await stat(realTarget);
    if (!info.isFile()) return { kind: 'not-found' };
    return { kind: 'file', file: realTarget, size: info.size, contentType: contentTypeFor(realTarget), isIndex };
  } catch {
    return { kind: 'not-found' };
  }
}
