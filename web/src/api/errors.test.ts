import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse, messageOf, retryAfterSeconds } from './errors';

const problem = (detail: string) => ({ type: 'urn:x', title: 'x', status: 400, detail });

describe('errors for people', () => {
  it('asks to sign in again on 401 and names the permission problem on 403', () => {
    expect(errorFromResponse(401, new Headers(), problem('jwt expired')).message).toMatch(/Sign in again/);
    expect(errorFromResponse(403, new Headers(), undefined).message).toMatch(/permission/);
    expect(errorFromResponse(404, new Headers(), undefined).kind).toBe('not-found');
  });

  it('says how long to wait on 429, from seconds or a date', () => {
    const err = errorFromResponse(429, new Headers({ 'retry-after': '42' }), undefined);
    expect(err.message).toBe('Too many requests. Try again in 42 seconds.');
    expect(err.retryAfterSeconds).toBe(42);
    expect(retryAfterSeconds(new Date(10_000 + 5_000).toUTCString(), 10_000)).toBe(5);
    expect(errorFromResponse(429, new Headers(), undefined).message).toMatch(/Wait a moment/);
  });

  it("shows the hub's own words for a refused input, never raw JSON", () => {
    const err = errorFromResponse(400, new Headers(), {
      ...problem('password too short'),
      errors: [{ path: '/x', message: 'x is required' }],
    });
    expect(err.message).toBe('The hub did not accept this. password too short; x is required');
    expect(errorFromResponse(409, new Headers(), '{"weird": true}').message).toBe(
      'The hub did not accept this.',
    );
    expect(errorFromResponse(503, new Headers(), problem('pg down')).message).toMatch(/had a problem/);
  });

  it('turns network failures into a message about the connection', () => {
    expect(messageOf(new TypeError('Failed to fetch'))).toMatch(/cannot be reached/);
    expect(messageOf(new ApiError('forbidden', 'no'))).toBe('no');
  });
});
