import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface AlertRulesFile {
  /** The value to put in ALERT_RULES. */
  path: string;
  remove(): void;
}

/**
 * Writes an alert rules file (YAML, as an operator would write it) to a folder of its own, for a
 * bot started with ALERT_RULES set to its path. Leading indentation common to every line is
 * removed, so the YAML can be written indented inside a test.
 */
export function writeAlertRulesFile(yaml: string): AlertRulesFile {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-bot-rules-'));
  const file = path.join(dir, 'alert-rules.yml');
  fs.writeFileSync(file, dedent(yaml));
  return {
    path: file,
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(Math.min(common, /^ */.exec(line)?.[0].length ?? 0))).join('\n');
}
