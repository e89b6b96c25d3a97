import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The build script is plain JavaScript run by npm; its pruning is tested on a tree of its own.
const { pruneStaleMigrations } = require('../../tools/build.js') as { pruneStaleMigrations: (root: string) => string[] };

describe('the build', () => {
  it('removes compiled migrations whose source is gone, so they never run again under an old name', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-'));
    try {
      fs.mkdirSync(path.join(root, 'migrations'));
      fs.mkdirSync(path.join(root, 'dist', 'migrations'), { recursive: true });
      fs.writeFileSync(path.join(root, 'migrations', '2026-12-01-02-kept.ts'), '');
      for (const file of ['2026-12-01-02-kept.js', '2026-12-01-02-kept.js.map', '2026-12-02-01-renamed.js', '2026-12-02-01-renamed.js.map']) {
        fs.writeFileSync(path.join(root, 'dist', 'migrations', file), '');
      }
      expect(pruneStaleMigrations(root).sort()).toEqual(['2026-12-02-01-renamed.js', '2026-12-02-01-renamed.js.map']);
      expect(fs.readdirSync(path.join(root, 'dist', 'migrations')).sort()).toEqual(['2026-12-01-02-kept.js', '2026-12-01-02-kept.js.map']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
