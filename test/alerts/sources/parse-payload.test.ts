import { z } from 'zod';
import { formatPath, parsePayload } from '../../../src/alerts/sources/parse-payload';
import { invalidInput } from './invalid-input';

describe('parsePayload', () => {
  it('names paths as a reader would write them', () => {
    expect(formatPath([])).toBe('body');
    expect(formatPath(['alerts', 0, 'labels', 'team'])).toBe('alerts[0].labels.team');
    expect(formatPath(['details', 'a b', 'c'])).toBe('details["a b"].c');
  });

  it('lists the first three problems and counts the rest', () => {
    const schema = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string() });
    expect(invalidInput(() => parsePayload(schema, { b: 1 }))).toBe(
      'a: required; b: expected a string, got a number; c: required (and 2 more)',
    );
  });

  it('returns what the schema read', () => {
    expect(parsePayload(z.object({ a: z.string() }), { a: 'x', extra: 1 })).toEqual({ a: 'x' });
  });
});
