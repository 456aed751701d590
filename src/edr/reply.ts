// Sends a JSON document serialised by toJson with an exact Content-Type (no charset suffix).
import type { FastifyReply } from 'fastify';
import { toJson } from './json.js';

export function sendJson(reply: FastifyReply, mediaType: string, value: unknown): FastifyReply {
  return reply.header('content-type', mediaType).send(Buffer.from(toJson(value), 'utf8'));
}

/** The base URL of links: the configured public URL. */
export type BaseUrl = () => string;
