/**
 * A small JQL parser: clauses joined with AND, OR, NOT and parentheses; `=`, `!=`, `>`, `>=`, `<`,
 * `<=`, `~`, `!~`, `IN`, `NOT IN`, `IS [NOT] EMPTY`; functions without arguments or with literal
 * ones; `ORDER BY field [ASC|DESC], ...`. History operators (WAS, CHANGED) are not supported.
 * Syntax errors read like Jira's, position included, so a bot's logs look the same against both.
 */

export type JqlOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type JqlOperand =
  | { kind: 'value'; value: string }
  | { kind: 'empty' }
  | { kind: 'function'; name: string; args: string[] }
  | { kind: 'list'; items: JqlOperand[] };

export type JqlNode =
  | { kind: 'and' | 'or'; left: JqlNode; right: JqlNode }
  | { kind: 'not'; operand: JqlNode }
  | { kind: 'clause'; field: string; operator: JqlOperator; operand: JqlOperand };

export interface JqlQuery {
  /** Undefined for an unbounded query (nothing but ORDER BY, or nothing at all). */
  where?: JqlNode;
  orderBy: Array<{ field: string; direction: 'asc' | 'desc' }>;
}

/** A JQL query Jira would refuse with 400; the message is Jira's wording. */
export class JqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqlError';
  }
}

interface Token {
  kind: 'string' | 'word' | 'op' | '(' | ')' | ',';
  value: string;
  /** 1-based character position, as Jira reports it. */
  at: number;
}

const OPERATORS = ['!=', '>=', '<=', '!~', '=', '>', '<', '~'];

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, value: c, at: i + 1 });
      i += 1;
    } else if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      while (j < jql.length && jql[j] !== c) {
        if (jql[j] === '\\' && j + 1 < jql.length) j += 1;
        value += jql[j];
        j += 1;
      }
      if (j >= jql.length) throw new JqlError(`Error in the JQL Query: The quoted string '${value}' has not been completed. The query contains an error at line 1 character ${i + 1}.`);
      tokens.push({ kind: 'string', value, at: i + 1 });
      i = j + 1;
    } else {
      const op = OPERATORS.find((o) => jql.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', value: op, at: i + 1 });
        i += op.length;
        continue;
      }
      const word = /^[^\s()=,!<>~"']+/.exec(jql.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'word', value: word, at: i + 1 });
      i += word.length;
    }
  }
  return tokens;
}

export function parseJql(jql: string): JqlQuery {
  const tokens = tokenize(jql);
  let i = 0;
  const peek = () => tokens[i];
  const isWord = (t: Token | undefined, ...words: string[]) => t?.kind === 'word' && words.includes(t.value.toLowerCase());
  const fail = (expecting: string): never => {
    const t = peek();
    if (!t) throw new JqlError(`Error in the JQL Query: Expecting ${expecting} but reached the end of the query.`);
    throw new JqlError(`Error in the JQL Query: Expecting ${expecting} but got '${t.value}'. The query contains an error at line 1 character ${t.at}.`);
  };
  const atOrderBy = () => isWord(peek(), 'order') && isWord(tokens[i + 1], 'by');

  const literal = (): string => {
    const t = peek();
    if (t && (t.kind === 'string' || (t.kind === 'word' && !isWord(t, 'and', 'or', 'not', 'order')))) {
      i += 1;
      return t.value;
    }
    return fail('either a value, list or function');
  };

  const operand = (): JqlOperand => {
    const t = peek();
    if (t?.kind === 'word' && isWord(t, 'empty', 'null')) {
      i += 1;
      return { kind: 'empty' };
    }
    const value = literal();
    if (t?.kind === 'word' && peek()?.kind === '(') {
      i += 1;
      const args: string[] = [];
      while (peek()?.kind !== ')') {
        args.push(literal());
        if (peek()?.kind === ',') i += 1;
        else if (peek()?.kind !== ')') fail("')'");
      }
      i += 1;
      return { kind: 'function', name: value.toLowerCase(), args };
    }
    return { kind: 'value', value };
  };

  const list = (): JqlOperand => {
    if (peek()?.kind !== '(') {
      const single = operand();
      if (single.kind === 'function') return single;
      return fail("'('");
    }
    i += 1;
    const items: JqlOperand[] = [operand()];
    while (peek()?.kind === ',') {
      i += 1;
      items.push(operand());
    }
    if (peek()?.kind !== ')') fail("')'");
    i += 1;
    return { kind: 'list', items };
  };

  const clause = (): JqlNode => {
    const f = peek();
    if (!f || (f.kind !== 'word' && f.kind !== 'string') || isWord(f, 'and', 'or', 'order')) return fail('a field name');
    i += 1;
    const field = f.value;
    const t = peek();
    if (t?.kind === 'op') {
      i += 1;
      return { kind: 'clause', field, operator: t.value as JqlOperator, operand: operand() };
    }
    if (isWord(t, 'in')) {
      i += 1;
      return { kind: 'clause', field, operator: 'in', operand: list() };
    }
    if (isWord(t, 'not') && isWord(tokens[i + 1], 'in')) {
      i += 2;
      return { kind: 'clause', field, operator: 'not in', operand: list() };
    }
    if (isWord(t, 'is')) {
      i += 1;
      const negated = isWord(peek(), 'not');
      if (negated) i += 1;
      if (!isWord(peek(), 'empty', 'null')) fail("'EMPTY' or 'NULL'");
      i += 1;
      return { kind: 'clause', field, operator: negated ? 'is not' : 'is', operand: { kind: 'empty' } };
    }
    return fail("operator such as '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' or 'IS NOT'");
  };

  const unary = (): JqlNode => {
    if (isWord(peek(), 'not') || peek()?.value === '!') {
      i += 1;
      return { kind: 'not', operand: unary() };
    }
    if (peek()?.kind === '(') {
      i += 1;
      const inner = or();
      if (peek()?.kind !== ')') fail("')'");
      i += 1;
      return inner;
    }
    return clause();
  };

  const and = (): JqlNode => {
    let node = unary();
    while (isWord(peek(), 'and') || peek()?.value === '&&') {
      i += 1;
      node = { kind: 'and', left: node, right: unary() };
    }
    return node;
  };

  function or(): JqlNode {
    let node = and();
    while (isWord(peek(), 'or') || peek()?.value === '||') {
      i += 1;
      node = { kind: 'or', left: node, right: and() };
    }
    return node;
  }

  const query: JqlQuery = { orderBy: [] };
  if (peek() && !atOrderBy()) query.where = or();
  if (atOrderBy()) {
    i += 2;
    do {
      if (query.orderBy.length > 0) i += 1;
      const f = peek();
      if (!f || (f.kind !== 'word' && f.kind !== 'string')) fail('a field name');
      i += 1;
      let direction: 'asc' | 'desc' = 'asc';
      if (isWord(peek(), 'asc', 'desc')) {
        direction = (peek()?.value.toLowerCase() ?? 'asc') as 'asc' | 'desc';
        i += 1;
      }
      query.orderBy.push({ field: f?.value ?? '', direction });
    } while (peek()?.kind === ',');
  }
  if (peek()) fail(query.orderBy.length > 0 ? "',' or the end of the query" : "'AND', 'OR' or 'ORDER BY'");
  return query;
}
