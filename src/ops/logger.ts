// Logs: pino with fixed field names (component, msg, err, reqId); secrets are redacted. JSON lines for log
// collectors, or coloured lines for a person at a terminal (LOG_FORMAT). Access lines are at debug: a
// busy hub at info logs what matters (start, stop, warnings, failures), not every request.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import pino, { type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import { logMixin } from '../observability/index.js';

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    // The active trace and span ids (when tracing is on) on every line.
    mixin: logMixin,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
  };
}

/** True when the logs should be written for people: `pretty`, or `auto` on a terminal. */
export function logsArePretty(format: 'auto' | 'json' | 'pretty'): boolean {
  return format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
}

export function createLogger(options: { logLevel: string; logFormat: 'auto' | 'json' | 'pretty' }): Logger {
  if (!logsArePretty(options.logFormat)) return pino(loggerOptions(options.logLevel));
  const stream = pretty({
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    messageKey: 'msg',
    sync: true,
  });
  return pino(loggerOptions(options.logLevel), stream);
}

/**
 * Fastify's request lines, one per request at debug (method, URL, route, status, duration); failures keep
 * Fastify's own levels (5xx at error).
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) return super.requestCompleted(error, request, reply);
    reply.log.debug(
      {
        component: 'http',
        method: request.method,
        url: request.url,
        route: request.routeOptions.url,
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      `${request.method} ${request.url} ${reply.statusCode}`,
    );
  }

  override routeNotFound(): void {}
}
