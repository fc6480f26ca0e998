// A speaker's stance on the motion: which side it argues, apart from how it speaks (its tone).
// Two speakers For and Against make a real for/against debate whatever their tones.

/** For: defends the motion; against: opposes it; devils-advocate: the side fewer people hold; neutral: weighs both. */
export const STANCES = ['for', 'against', 'devils-advocate', 'neutral'] as const;

export type Stance = (typeof STANCES)[number];

/** How a stance reads in the panel, a label and a line-up. */
export const STANCE_LABELS: Readonly<Record<Stance, string>> = Object.freeze({
  for: 'For',
  against: 'Against',
  'devils-advocate': "Devil's advocate",
  neutral: 'Neutral',
});

/**
 * What the speaker is told. The topic may be a claim ("Remote work is better") or a question
 * ("Is a hot dog a sandwich?"), so "the motion" is spelt out for both.
 */
const STANCE_SENTENCES: Readonly<Record<Stance, string>> = Object.freeze({
  for: "You argue for the motion: you support the topic's claim (or answer yes to its question) and defend that side throughout; concede details, never the side.",
  against: "You argue against the motion: you reject the topic's claim (or answer no to its question) and defend that side throughout; concede details, never the side.",
  'devils-advocate': "You play devil's advocate: take the side fewer people hold and argue it as well as it can be argued, even if you would not hold it yourself.",
  neutral: 'You stay neutral: weigh both sides fairly, name the strongest point of each, and take no side yourself.',
});

export function isStance(value: unknown): value is Stance {
  return typeof value === 'string' && (STANCES as readonly string[]).includes(value);
}

/** Pure: the sentence a speaker of this stance is told. */
export function stanceSentence(stance: Stance): string {
  return STANCE_SENTENCES[stance];
}

/** `Devil's  advocate` and `devils_advocate` spelt as the id is. */
function spelling(text: string): string {
  return text.trim().toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\s_]+/g, '-');
}

/**
 * Pure: a stance as a person types it (`for`, `Against`, `devils-advocate`, `Devil's advocate`,
 * `devil`), or null when it names none.
 */
export function parseStance(text: string): Stance | null {
  const typed = spelling(text);
  if (typed === 'devil' || typed === "devil's-advocate") return 'devils-advocate';
  return isStance(typed) ? typed : null;
}
