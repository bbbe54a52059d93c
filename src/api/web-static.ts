// Serves the built web app (web/dist); the not-found handler falls back to index.html for client-side routes.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const webDist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

export const webAppBuilt = (root = webDist) => existsSync(join(root, 'index.html'));

export async function registerWebApp(app: FastifyInstance, root = webDist): Promise<boolean> {
  if (!webAppBuilt(root)) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    maxAge: '1h',
    immutable: false,
  });
  return true;
}
