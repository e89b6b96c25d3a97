// Runs before `npm start`: a missing build is named plainly instead of as a module-not-found stack.
const fs = require('node:fs');
const path = require('node:path');

if (!fs.existsSync(path.join(__dirname, '..', 'dist', 'src', 'main.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` (npm ci builds it too), then `npm start`.\n');
  process.exit(1);
}
