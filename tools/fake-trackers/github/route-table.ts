import { allOperations, type OperationSpec } from './github-reference';

export interface RouteMatch {
  operation: OperationSpec;
  /** Path parameters, decoded, still as strings. */
  pathParams: Record<string, string>;
}

interface Route {
  operation: OperationSpec;
  pattern: RegExp;
  names: string[];
}

let routes: Route[] | undefined;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileRoute(operation: OperationSpec): Route {
  const names: string[] = [];
  const source = operation.pathTemplate
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (!name) return escapeRegExp(part);
      names.push(name);
      const multi = operation.parameters.some((p) => p.in === 'path' && p.name === name && p['x-multi-segment']);
      return multi ? '(.+)' : '([^/]+)';
    })
    .join('');
  return { operation, pattern: new RegExp(`^${source}$`), names };
}

function table(): Route[] {
  // Fewer parameters first, so a literal segment wins over a parameter that could also match it.
  routes ??= allOperations()
    .map(compileRoute)
    .sort((a, b) => a.names.length - b.names.length);
  return routes;
}

/**
 * The operation a request is for, by method and path template from GitHub's description.
 * GitHub answers a path it does not know, or a method a path does not take, with 404.
 */
export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  for (const route of table()) {
    if (route.operation.method !== method.toUpperCase()) continue;
    const found = route.pattern.exec(pathname);
    if (!found) continue;
    const pathParams: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => {
        pathParams[name] = decodeURIComponent(found[i + 1] ?? '');
      });
    } catch {
      return undefined; // a malformed %-escape: no resource has that name
    }
    return { operation: route.operation, pathParams };
  }
  return undefined;
}
