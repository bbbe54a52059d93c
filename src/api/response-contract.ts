// Every answer leaves through its route's response schema (decision 056): the serializer
// encodes with zod, so a field the schema does not list is dropped, and an answer that does
// not fit its schema is a 500 rather than a leak. Errors share one documented shape.
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../errors.js';

export function registerResponseContract(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Every documented operation answers errors in one shape; a route's own entry for a code wins.
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return;
    route.schema.response = {
      '4XX': errorResponseSchema,
      '5XX': errorResponseSchema,
      ...(route.schema.response as Record<string, unknown> | undefined),
    };
  });
}
