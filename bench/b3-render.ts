import { postmortemMessages } from '../src/render/postmortem-blocks';
import { postmortemMarkdown } from '../src/render/postmortem-markdown';
import { MESSAGE_BLOCKS_TEXT_LIMIT, blocksTextLength, checkBlocks } from '../tools/fake-slack';
import { doc, entries, item } from '../tools/harness/postmortem-fixture';
import type { BenchResult } from './result';
import { median, round, timed } from './stats';

const ENTRIES = 2000;
const ITEMS = 100;
const RUNS = 30;
const TARGET_MS = 50;

/** B3: a post-mortem with 2,000 timeline entries and 100 action items, to Block Kit and Markdown. */
export async function benchRender(): Promise<BenchResult> {
  const document = doc(entries(ENTRIES), Array.from({ length: ITEMS }, (_, i) => item(i)));
  const render = () => ({ messages: postmortemMessages(document), markdown: postmortemMarkdown(document) });
  for (let i = 0; i < 5; i += 1) render(); // warm up the JIT
  const samples: number[] = [];
  let last = render();
  for (let i = 0; i < RUNS; i += 1) {
    const run = await timed(render);
    samples.push(run.ms);
    last = run.value;
  }
  const problems = last.messages.flatMap((m, i) => [
    ...checkBlocks(m.blocks, 'message').map((p) => `message ${i + 1}: ${p}`),
    ...(blocksTextLength(m.blocks) > MESSAGE_BLOCKS_TEXT_LIMIT ? [`message ${i + 1}: too much text`] : []),
  ]);
  const ms = median(samples);
  return {
    id: 'B3',
    what: `render ${ENTRIES} entries + ${ITEMS} items (Block Kit + Markdown)`,
    figures: {
      median_ms: round(ms),
      messages: last.messages.length,
      markdown_kb: round(last.markdown.length / 1024, 1),
      within_slack_limits: problems.length === 0,
    },
    target: `≤ ${TARGET_MS} ms; every message within Slack's limits`,
    met: ms <= TARGET_MS && problems.length === 0,
    summary: `${round(ms)} ms median of ${RUNS}; ${last.messages.length} messages, ${problems.length === 0 ? 'all within limits' : problems[0]}`,
  };
}
