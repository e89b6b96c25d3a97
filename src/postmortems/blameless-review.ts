import { PERSON_NAMED_PATTERN } from '../mrkdwn/mention';
import type { ActionItem } from '../action-items/action-item';
import { CAUSE_GROUPS, CAUSE_GROUP_QUESTIONS, type BlamelessNote, type PostmortemContent } from './postmortem';

interface Rule {
  pattern: RegExp;
  message: string;
  suggestion: string;
}

/**
 * Findings describe systems and conditions. Blame ("human error", "careless") and counterfactuals
 * ("should have") stop the inquiry at a person instead of asking what made the action reasonable
 * at the time.
 */
const FINDING_RULES: Rule[] = [
  {
    pattern: /\bhuman[- ]error\b/i,
    message: '"Human error" is where an investigation should start, not end.',
    suggestion: 'Describe what made the action easy to get wrong: the missing check, the confusing tool, the time pressure.',
  },
  {
    pattern: /\b(?:should|could|would)(?:n't| not)? have\b/i,
    message: 'This is a counterfactual: it judges the past with what we know now.',
    suggestion: 'Say what happened and what information people had at the time, then what would make the right action the easy one.',
  },
  {
    pattern: /\bcareless(?:ly|ness)?\b/i,
    message: '"Careless" judges a person instead of the system around them.',
    suggestion: 'Describe the conditions: what was unclear, missing or easy to miss.',
  },
  {
    pattern: /\b(?:fault|faulted)\b/i,
    message: '"Fault" assigns blame.',
    suggestion: 'Name the contributing condition instead (a missing alert, an unsafe default, an ambiguous runbook).',
  },
  {
    pattern: /\bblam(?:e|ed|es|ing)\b/i,
    message: 'Blame ends learning: people stop telling what really happened.',
    suggestion: 'Describe the sequence of events and the conditions that allowed them.',
  },
];

/** Naming someone is fine in the story (summary, impact); in a cause it is blame. */
const PERSON_RULE: Rule = {
  pattern: PERSON_NAMED_PATTERN,
  message: 'A person is named in a cause.',
  suggestion: 'Causes are conditions, not people: say what the system allowed or failed to catch.',
};

/** Action items that ask people to try harder change nothing; mechanisms do. */
const MECHANISM = 'Make it a mechanism: a test, an alert, a lint rule, a guard rail, an automated check or a safer default.';

const ACTION_WISHES: Array<[RegExp, string]> = [
  [/\bbe (?:more )?careful\b/i, '"Be more careful" relies on memory and will.'],
  [/\btry harder\b/i, '"Try harder" is not an action anyone can check off.'],
  [/\bpay (?:more )?attention\b/i, '"Pay attention" does not change the system.'],
  [/\bdouble[- ]?check(?:ing|ed)?\b/i, '"Double-check" puts the burden back on people.'],
  [/\breview (?:more )?careful(?:ly)?\b/i, '"Review more carefully" is a wish, not a mechanism.'],
  [/\b(?:remember to|don'?t forget)\b/i, 'Remembering is not a mechanism.'],
];
const ACTION_RULES: Rule[] = ACTION_WISHES.map(([pattern, message]) => ({ pattern, message, suggestion: MECHANISM }));

function notesFor(where: string, text: string, rules: Rule[]): BlamelessNote[] {
  const notes: BlamelessNote[] = [];
  for (const rule of rules) {
    const match = rule.pattern.exec(text);
    if (match) notes.push({ where, quote: match[0].trim(), message: rule.message, suggestion: rule.suggestion });
  }
  return notes;
}

/**
 * Reads the post-mortem the way a blameless reviewer would and points at specific words, with
 * what to write instead. An empty list means nothing was found.
 */
export function reviewBlameless(content: PostmortemContent, actionItems: Pick<ActionItem, 'description'>[]): BlamelessNote[] {
  const findings: Array<[string, string]> = [
    ['Summary', content.summary],
    ['Impact', content.impact],
    ...CAUSE_GROUPS.flatMap((group) =>
      content.causes[group].map((cause, i): [string, string] => [`${CAUSE_GROUP_QUESTIONS[group]} (${i + 1})`, cause]),
    ),
    ...content.fiveWhys.map((why, i): [string, string] => [`Why ${i + 1}`, why]),
    ...content.wentWrong.map((line, i): [string, string] => [`What went wrong (${i + 1})`, line]),
  ];
  const story = new Set(['Summary', 'Impact']);
  const notes = findings.flatMap(([where, text]) => notesFor(where, text, story.has(where) ? FINDING_RULES : [...FINDING_RULES, PERSON_RULE]));
  actionItems.forEach((item, i) => notes.push(...notesFor(`Action item ${i + 1}`, item.description, ACTION_RULES)));
  return notes;
}
