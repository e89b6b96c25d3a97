import type { BlamelessNote } from '../postmortems/postmortem';
import { ACCOUNT_QUESTIONS, ACCOUNT_QUESTION_HEADINGS, type AccountAnswers } from './account';

/**
 * Self-blame is blame as well: it ends the inquiry at a person just as surely, and the writer is
 * the person. Read gently: a note, never a refusal.
 */
const SELF_BLAME: Array<[RegExp, string]> = [
  // "I couldn't have known" is the opposite of self-blame, so only "should" counts here.
  [/\bI should(?:n['’]t| not)? have\b|\bI should['’]ve\b/i, '"I should have" judges what you did with what you know now.'],
  [/\bmy (?:own )?(?:mistake|fault|bad|error)\b/i, 'Calling it your mistake stops the question at you.'],
  [/\bI was (?:careless|sloppy|stupid|lazy|negligent)\b|\bstupid(?:ly)? of me\b/i, 'Judging yourself hides what made the situation hard.'],
  [/\bI (?:messed|screwed|mucked) (?:it )?up\b|\bI blew it\b/i, 'This blames you rather than the conditions you worked in.'],
  [/\bI (?:forgot|failed) to\b/i, 'Forgetting is what people do; systems can remember for them.'],
];

const SUGGESTION =
  'Say what you knew and saw at that moment, and what the system could have done instead: a check, a clearer signal, a safer default, so it did not depend on you.';

/** Notes on an account's wording, each saying where (`label`: the question) and what to write instead. */
export function reviewAccount(answers: AccountAnswers, label: string): BlamelessNote[] {
  const notes: BlamelessNote[] = [];
  for (const question of ACCOUNT_QUESTIONS) {
    for (const [pattern, message] of SELF_BLAME) {
      const match = pattern.exec(answers[question]);
      if (match) notes.push({ where: `${label}: ${ACCOUNT_QUESTION_HEADINGS[question]}`, quote: match[0].trim(), message, suggestion: SUGGESTION });
    }
  }
  return notes;
}
