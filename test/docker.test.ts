import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../tools/fake-slack/manifest';

/** The image cannot be built here (no container engine), so what it promises is read from its files. */
describe('the container image', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('runs on the Node major the tests run on', () => {
    const image = /^ARG NODE_IMAGE=node:(\d+)[-\w.]*$/m.exec(dockerfile);
    expect(image?.[1]).toBe(process.versions.node.split('.')[0]);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS runtime$/m);
  });

  it('runs as a numeric non-root user, which runAsNonRoot can verify', () => {
    const users = [...dockerfile.matchAll(/^USER (\S+)$/gm)].map((m) => m[1]);
    expect(users.length).toBeGreaterThan(0);
    const last = users.at(-1)!;
    expect(last).toMatch(/^\d+(:\d+)?$/);
    expect(Number(last.split(':')[0])).toBeGreaterThan(0);
  });

  it("README's docker run restarts the bot and publishes no port in Socket Mode", () => {
    const run = /^docker run .*$/m.exec(readme)?.[0] ?? '';
    expect(run).toContain('--restart unless-stopped');
    expect(run).not.toMatch(/\s-p\s|--publish/);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });
});
