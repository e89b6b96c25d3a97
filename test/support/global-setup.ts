import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Compiles the production build once per test run, so tests that start the bot as a
 * real process (`node dist/src/main.js`) exercise exactly what `npm start` runs.
 */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'tools', 'build.js')], { cwd: root, stdio: 'inherit' });
}
