// Serves the built web app (web/dist); the not-found handler falls back to index.html for client-side routes.
// Files under assets/ carry a content hash in their names, so browsers keep them for a year without
// asking again; index.html (which names the current hashes) and the rest are revalidated each time.
// The build writes .br and .gz beside each asset (web/vite.config.ts), served as they are.
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const webDist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

export const webAppBuilt = (root = webDist) => existsSync(join(root, 'index.html'));

export const hashedAssetCache = 'public, max-age=31536000, immutable';
export const revalidateCache = 'no-cache';

export async function registerWebApp(app: FastifyInstance, root = webDist): Promise<boolean> {
  if (!webAppBuilt(root)) return false;
  const assets = join(root, 'assets') + sep;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.startsWith(assets) ? hashedAssetCache : revalidateCache);
    },
  });
  return true;
}
