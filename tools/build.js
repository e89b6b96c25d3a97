// `npm run build`: compiles src/ and migrations/ into dist/. tsc never deletes an output whose
// source is gone, and the migrator runs every file in dist/migrations: a migration renamed or
// removed since the last build would run again under its old name. Those outputs go first.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** Removes compiled migrations (and their maps) whose TypeScript source no longer exists. */
function pruneStaleMigrations(root) {
  const built = path.join(root, 'dist', 'migrations');
  if (!fs.existsSync(built)) return [];
  const removed = [];
  for (const file of fs.readdirSync(built)) {
    const source = file.replace(/\.js(\.map)?$/, '.ts');
    if (source !== file && !fs.existsSync(path.join(root, 'migrations', source))) {
      fs.rmSync(path.join(built, file));
      removed.push(file);
    }
  }
  return removed;
}

function build(root = path.join(__dirname, '..')) {
  pruneStaleMigrations(root);
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}

if (require.main === module) build();
module.exports = { build, pruneStaleMigrations };
