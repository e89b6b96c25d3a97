// Runs on `npm ci` / `npm install` (npm's `prepare`): compiles the bot into dist/ so that
// `npm start` only starts it. A production install (`npm ci --omit=dev`) has no compiler: it
// expects a dist/ built beforehand (as the Docker image's build stage does) and skips this.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
// The image's build stage installs before it copies the sources, and builds after.
if (!fs.existsSync(path.join(root, 'src'))) process.exit(0);
try {
  require.resolve('typescript/bin/tsc');
} catch {
  process.exit(0);
}
require('./build').build(root);
