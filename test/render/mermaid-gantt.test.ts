import type { Incident } from '../../src/incidents/incident';
import { incidentMetrics } from '../../src/postmortems/incident-metrics';
import { ganttName, mermaidGantt } from '../../src/render/mermaid-gantt';
import { at, incident } from '../../tools/harness/postmortem-fixture';

/**
 * The part of Mermaid's gantt grammar the block uses, one rule a line
 * (https://mermaid.js.org/syntax/gantt.html):
 * - the fence, ```` ```mermaid ```` … ```` ``` ````, and the keyword `gantt` on a line of its own;
 * - settings: `title <text>`, `dateFormat <format>`, `axisFormat <strftime>`, `todayMarker off`;
 * - `section <name>`;
 * - a task, `<name> :<meta>`, where the name holds no `:` (the first one ends it), `#` or `;`
 *   (an entity and a statement's end), and the meta is comma-separated: optional tags (`crit`,
 *   `done`, `active`, `milestone`), an id, a start in the `dateFormat`, then an end in that format
 *   or a duration such as `0m` or `3h`.
 * The times are read back with the block's own `dateFormat`, `YYYY-MM-DD HH:mm:ss`.
 */
const DATE = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}`;
const GRAMMAR: Array<[rule: string, pattern: RegExp]> = [
  ['fence open', /^```mermaid$/],
  ['fence close', /^```$/],
  ['keyword', /^gantt$/],
  ['title', /^ {4}title [^:#;]+$/],
  ['dateFormat', /^ {4}dateFormat YYYY-MM-DD HH:mm:ss$/],
  ['axisFormat', /^ {4}axisFormat (?:%[HMdbmY]|[ :\-/])+$/],
  ['todayMarker', /^ {4}todayMarker off$/],
  ['section', /^ {4}section [^:#;]+$/],
  ['task', new RegExp(String.raw`^ {4}[^:#;\s][^:#;]* :(?:(?:crit|done|active|milestone), )*[A-Za-z][A-Za-z0-9_]*, ${DATE}, (?:${DATE}|\d+(?:ms|[smhdw]))$`)],
];

function ruleOf(line: string): string | undefined {
  return GRAMMAR.find(([, pattern]) => pattern.test(line))?.[0];
}

/** The tasks as Mermaid reads them: name, tags, id, start and end (or duration). */
function tasks(block: string) {
  return block
    .split('\n')
    .filter((line) => ruleOf(line) === 'task')
    .map((line) => {
      const colon = line.indexOf(':');
      const meta = line.slice(colon + 1).split(', ');
      return { name: line.slice(4, colon).trim(), tags: meta.slice(0, -3), id: meta.at(-3), start: meta.at(-2), end: meta.at(-1) };
    });
}

const gantt = (changes: Partial<Incident> = {}) => {
  const changed = { ...incident, ...changes };
  return mermaidGantt({ incident: changed, metrics: incidentMetrics(changed) });
};

describe('the phases as a Mermaid gantt block', () => {
  it('is a fenced gantt whose every line follows the grammar', () => {
    const block = gantt();
    const lines = block.split('\n');
    expect(lines.slice(0, 2)).toEqual(['```mermaid', 'gantt']);
    expect(lines.at(-1)).toBe('```');
    expect(lines.filter((line) => !ruleOf(line))).toEqual([]);
  });

  it('draws the impact, each phase with its duration, and the milestones, in UTC', () => {
    expect(tasks(gantt())).toEqual([
      { name: 'Customer impact (30 min)', tags: ['crit'], id: 'impact', start: '2026-11-22 14:00:00', end: '2026-11-22 14:30:00' },
      { name: 'Detecting (5 min)', tags: [], id: 'phase1', start: '2026-11-22 14:00:00', end: '2026-11-22 14:05:00' },
      { name: 'Declaring (7 min)', tags: [], id: 'phase2', start: '2026-11-22 14:05:00', end: '2026-11-22 14:12:00' },
      { name: 'Mitigating (18 min)', tags: [], id: 'phase3', start: '2026-11-22 14:12:00', end: '2026-11-22 14:30:00' },
      { name: 'Resolving (12 min)', tags: [], id: 'phase4', start: '2026-11-22 14:30:00', end: '2026-11-22 14:42:00' },
      { name: 'Impact started', tags: ['milestone'], id: 'm1', start: '2026-11-22 14:00:00', end: '0m' },
      { name: 'Detected', tags: ['milestone'], id: 'm2', start: '2026-11-22 14:05:00', end: '0m' },
      { name: 'Declared', tags: ['milestone'], id: 'm3', start: '2026-11-22 14:12:00', end: '0m' },
      { name: 'Mitigated', tags: ['milestone'], id: 'm4', start: '2026-11-22 14:30:00', end: '0m' },
      { name: 'Resolved', tags: ['milestone'], id: 'm5', start: '2026-11-22 14:42:00', end: '0m' },
    ]);
  });

  it('counts detection from the declaration when none was recorded, and leaves out what did not happen', () => {
    const block = gantt({ detectedAt: null, mitigatedAt: null });
    expect(block.split('\n').filter((line) => !ruleOf(line))).toEqual([]);
    expect(tasks(block).map((t) => t.name)).toEqual([
      'Customer impact (42 min)',
      'Detecting (12 min)',
      'Resolving (30 min)',
      'Impact started',
      'Detected (when declared)',
      'Declared',
      'Resolved',
    ]);
  });

  it('keeps phases in time order when detection was recorded after the declaration', () => {
    const names = tasks(gantt({ detectedAt: at(20) })).map((t) => `${t.name} ${t.start}`);
    expect(names.slice(1, 5)).toEqual([
      'Declaring (12 min) 2026-11-22 14:00:00',
      'Detecting (8 min) 2026-11-22 14:12:00',
      'Mitigating (10 min) 2026-11-22 14:20:00',
      'Resolving (12 min) 2026-11-22 14:30:00',
    ]);
  });

  it('spans days with full dates', () => {
    const block = gantt({ resolvedAt: at(26 * 60), mitigatedAt: null });
    expect(block.split('\n').filter((line) => !ruleOf(line))).toEqual([]);
    expect(tasks(block).find((t) => t.id === 'impact')).toMatchObject({ name: 'Customer impact (1 d 2 h)', end: '2026-11-23 16:00:00' });
  });

  it('makes a name safe for the grammar', () => {
    expect(ganttName('Alert: disk #3; full %% now\nreally')).toBe('Alert disk 3 full % now really');
    for (const name of ['a:b', 'a#b', 'a;b', 'x\ny']) {
      expect(ruleOf(`    ${ganttName(name)} :t1, 2026-11-22 14:00:00, 1m`)).toBe('task');
    }
  });
});
