import { JqlError, parseJql } from '../../tools/fake-trackers/jira/jql-parser';
import { jqlInstant } from '../../tools/fake-trackers/jira/jira-time';

/** The JQL subset the fake Jira reads, and the dates in it. */
describe('parseJql', () => {
  it("reads the bot's poll query", () => {
    expect(parseJql('project = OPS AND labels = incident AND updated >= "2030-01-01 10:00" ORDER BY updated ASC')).toEqual({
      where: {
        kind: 'and',
        left: {
          kind: 'and',
          left: { kind: 'clause', field: 'project', operator: '=', operand: { kind: 'value', value: 'OPS' } },
          right: { kind: 'clause', field: 'labels', operator: '=', operand: { kind: 'value', value: 'incident' } },
        },
        right: { kind: 'clause', field: 'updated', operator: '>=', operand: { kind: 'value', value: '2030-01-01 10:00' } },
      },
      orderBy: [{ field: 'updated', direction: 'asc' }],
    });
  });

  it('reads lists, EMPTY, functions, NOT and OR with AND binding tighter', () => {
    const query = parseJql("key in (OPS-1, 'OPS-2') or assignee is not empty and assignee = currentUser() order by key desc, created");
    expect(query.where).toMatchObject({
      kind: 'or',
      left: { operator: 'in', operand: { kind: 'list', items: [{ value: 'OPS-1' }, { value: 'OPS-2' }] } },
      right: { kind: 'and', left: { operator: 'is not' }, right: { operand: { kind: 'function', name: 'currentuser', args: [] } } },
    });
    expect(query.orderBy).toEqual([
      { field: 'key', direction: 'desc' },
      { field: 'created', direction: 'asc' },
    ]);
    expect(parseJql('not (labels = a)').where).toMatchObject({ kind: 'not', operand: { kind: 'clause' } });
    expect(parseJql('ORDER BY updated').where).toBeUndefined();
  });

  it('refuses broken queries with Jira-like messages', () => {
    expect(() => parseJql('project = ')).toThrow(new JqlError('Error in the JQL Query: Expecting either a value, list or function but reached the end of the query.'));
    expect(() => parseJql('project OPS')).toThrow(/Expecting operator .* but got 'OPS'\. The query contains an error at line 1 character 9\./);
    expect(() => parseJql('summary ~ "unclosed')).toThrow(/quoted string/);
    expect(() => parseJql('labels in (a, b')).toThrow(/Expecting '\)'/);
  });
});

describe('jqlInstant', () => {
  const now = Date.parse('2030-06-15T12:00:00Z');

  it("reads absolute dates in the searcher's zone", () => {
    expect(jqlInstant('2030-01-01 10:00', 'UTC', now)).toBe(Date.parse('2030-01-01T10:00:00Z'));
    expect(jqlInstant('2030/01/01 10:00', 'Europe/Paris', now)).toBe(Date.parse('2030-01-01T09:00:00Z'));
    expect(jqlInstant('2030-06-15', 'America/New_York', now)).toBe(Date.parse('2030-06-15T04:00:00Z'));
    expect(jqlInstant('2030-02-30', 'UTC', now)).toBeUndefined();
    expect(jqlInstant('2030-01-01T10:00:00Z', 'UTC', now)).toBeUndefined();
  });

  it('reads periods relative to now', () => {
    expect(jqlInstant('-15m', 'UTC', now)).toBe(now - 15 * 60_000);
    expect(jqlInstant('-1w 2d', 'UTC', now)).toBe(now - 9 * 86_400_000);
    expect(jqlInstant('4h', 'UTC', now)).toBe(now + 4 * 3_600_000);
  });
});
