import type { ExpressionBuilder, ExpressionWrapper, SqlBool, StringReference } from 'kysely';
import type { Database } from './database';

/**
 * The one lease rule, for every column that says "held until": a lease is free when nobody took it
 * or its holder's time ran out. A conditional update with this predicate lets exactly one process
 * (or replica) take it, however many try at once.
 */
export function leaseIsFree<T extends keyof Database>(
  eb: ExpressionBuilder<Database, T>,
  column: StringReference<Database, T>,
  now: string,
): ExpressionWrapper<Database, T, SqlBool> {
  // Instants are stored as fixed-width UTC strings, so "earlier" is a string comparison.
  return eb.or([eb(column, 'is', null), eb(column, '<', now as never)]);
}
