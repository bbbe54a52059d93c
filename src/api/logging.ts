// Logs: JSON lines (pino) for collectors when stdout is a file or a pipe; in a terminal,
// one short coloured line per request ("10:42:07 INFO GET /api/me 200 3 ms") through pino-pretty.
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

export function prettyLogger(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    transport: {
      target: 'pino-pretty',
      options: {
        colorize: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,reqId',
        // The request id stays on every request's line, so one request's lines can be found.
        messageFormat: '{if reqId}{reqId} {end}{msg}',
        singleLine: true,
      },
    },
  };
}

/** Replaces Fastify's two log entries per request (received, completed) with one short line. */
export function registerShortRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      `${request.method} ${request.url} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`,
    );
  });
}
