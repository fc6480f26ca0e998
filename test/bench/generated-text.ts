// Deterministic filler text for the library benches, so every run builds the same library.

export const FILLER_WORDS = ('the a of to and in that is for it as with was on be by this are or not but from at which have an they ' +
  'argument evidence model claim reason premise therefore however consider sandwich bread logic doubt certainly perhaps ' +
  'although history moral value cost benefit risk future policy language meaning truth').split(' ');

/** `chars` characters of words and sentences drawn from `next`. */
export function generatedText(next: () => number, chars: number): string {
  let text = '';
  while (text.length < chars) text += `${FILLER_WORDS[Math.floor(next() * FILLER_WORDS.length)]}${next() < 0.08 ? '. ' : ' '}`;
  return text.slice(0, chars);
}
