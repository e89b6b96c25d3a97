import path from 'node:path';
import { ROOT } from '../tools/fake-slack/manifest';
import { playIncident } from './play-incident';

/**
 * `npm run demo`: plays one incident against the real bot and a fake Slack workspace, prints
 * what everyone saw, and writes the published post-mortem to demo-output/.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const outputDir = path.join(ROOT, 'demo-output');

  // Ctrl-C, or a reader such as `head` that stops reading, ends the story between two steps, so
  // the bot, the fake Slack and the temporary database are still cleaned up.
  const abort = new AbortController();
  const interrupt = () => abort.abort(new Error('Interrupted'));
  process.once('SIGINT', interrupt);
  let printing = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    printing = false;
    interrupt();
  });
  const print = (line: string) => {
    if (printing) console.log(line);
  };

  const result = await playIncident({ outputDir, onLine: print, signal: abort.signal });

  const relative = (file: string) => path.relative(process.cwd(), file) || '.';
  print('');
  print(`═══ Output ${'═'.repeat(90)}`);
  print(`   ${relative(result.output.markdownFile)}  the Markdown file the bot uploaded`);
  print(`   ${relative(result.output.chartFile)}  its phase chart, uploaded with it`);
  for (const file of result.output.messageFiles) print(`   ${relative(file)}`);
  print(`   ${relative(result.output.linksFile)}  open them in Block Kit Builder`);
  if (result.output.slackScreenshot) print(`   ${relative(result.output.slackScreenshot)}  the published post-mortem, drawn in an approximation of Slack's layout`);
  if (result.output.repositoryDir) print(`   ${relative(result.output.repositoryDir)}/  a clone of the post-mortems repository the bot committed to`);
  print('');
  print(`Output folder: ${result.outputDir}`);
  print(`Played in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (result.errorLogs.length > 0) {
    console.error(`The bot logged ${result.errorLogs.length} error(s):`);
    for (const line of result.errorLogs) console.error(JSON.stringify(line));
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  if (error instanceof Error && error.message === 'Interrupted') {
    console.error('Interrupted: the bot and the fake Slack were stopped and the temporary database removed.');
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
