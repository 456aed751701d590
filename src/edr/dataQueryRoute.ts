// The shared steps of every data query route: choose the encoder (`f`), let the query type select,
// apply the common filters, and send the encoded coverages (streamed when large).
import { ObshubError } from '../core/errors.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { queryHooks } from '../observability/index.js';
import { answerBody } from './body.js';
import { clientGone } from './budget.js';
import { encoders, findEncoder } from './encoders.js';
import type { QueryStrings, QueryType } from './queryTypes.js';
import {
  commonQueryProperties,
  dataResponses,
  EsohErrorBody,
  formatProperty,
  ProblemBody,
} from './schemas.js';
import type { EdrService } from './service.js';

export function dataQueryRoute(app: FastifyInstance, service: EdrService, q: QueryType): void {
  const querystring: QueryStrings = Type.Object({
    ...q.querystring.properties,
    ...Object.fromEntries(
      Object.entries({ ...commonQueryProperties, ...formatProperty }).filter(
        ([k]) => !(k in q.querystring.properties),
      ),
    ),
  });
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    q.path,
    {
      config: {
        errorStyle: q.errorStyle,
        cacheSeconds: 60,
        cacheAnswers: true,
        permission: 'observations:read',
      },
      ...queryHooks(q.name),
      schema: {
        operationId: q.operationId,
        summary: q.summary,
        description: q.description,
        tags: ['Collection data queries'],
        querystring,
        ...(q.params ? { params: q.params } : {}),
        response: dataResponses(q.errorStyle === 'esoh' ? EsohErrorBody : ProblemBody),
      },
    },
    async (request, reply) => {
      const query = request.query;
      const encoder = findEncoder(query.f);
      if (!encoder)
        throw ObshubError.queryInvalid({
          f: `Unsupported format: ${query.f}; use one of ${encoders.map((e) => e.name).join(', ')}`,
        });
      const selection = q.select(query, request.params as Record<string, string>);
      const z = selection.zConsumed ? undefined : query.z || selection.z;
      const common = await service.commonFilter(request.principal, { ...query, z });
      const limits = service.limitsFor(request.principal, clientGone(reply));
      const groups = await service.coverages({ ...common, ...selection.filter }, limits);
      return reply.type(encoder.mediaType).send(await answerBody(encoder.encode(groups)));
    },
  );
}
