import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../tools/fake-slack/manifest';

/**
 * Web API methods the bot's source calls, read from `client.<namespace>.<method>(` calls.
 * All Slack calls go through a WebClient named `client`, which keeps this scan honest.
 */
export function webApiMethodsInSource(dir = path.join(ROOT, 'src')): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of walk(dir)) {
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bclient\.([a-z]+(?:\.[a-zA-Z]+){1,2})\s*\(/g)) {
      const method = match[1] as string;
      found.set(method, [...(found.get(method) ?? []), path.relative(ROOT, file)]);
    }
  }
  return found;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}
