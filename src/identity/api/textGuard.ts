// Path parameters and query values that PostgreSQL cannot store (a NUL character, an unpaired surrogate)
// name nothing the hub holds: they are refused with a 400 that says why, before any lookup (the database
// would refuse the statement itself, which used to surface as a 500).
import type { FastifyInstance } from 'fastify';
import { ObshubError } from '../../core/errors.js';
import { textProblem } from '../../core/text.js';

export function refuseUnstorableText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const given: [string, unknown][] = [
      ['path', request.params],
      ['query', request.query],
    ];
    for (const [where, values] of given) {
      for (const [name, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
        for (const text of Array.isArray(value) ? (value as unknown[]) : [value]) {
          const problem = typeof text === 'string' ? textProblem(text) : undefined;
          if (problem) throw new ObshubError('BAD_REQUEST', `${where} parameter ${name} ${problem}`);
        }
      }
    }
  });
}
