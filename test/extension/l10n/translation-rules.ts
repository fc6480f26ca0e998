// What a translation must keep from its English: the pieces a program reads rather than a person
// ({0} placeholders, %VARIABLES%, `code`, #setting# links, markdown link targets), and when it may
// stay the same as the English (no letters to translate, or a name every language writes alike).

/** The languages the extension ships, as VS Code names them (`vscode.env.language`). */
export const SHIPPED_LANGUAGES = ['fr', 'zh-cn'] as const;
export type ShippedLanguage = (typeof SHIPPED_LANGUAGES)[number];

/** Product and format names every language writes alike. */
const NAMES = ['Markdown', 'JSON', 'Ollama'];

/** Whole messages a language writes as English does: the names, and French words spelt like the English. */
const SAME_AS_ENGLISH: Readonly<Record<ShippedLanguage, ReadonlySet<string>>> = {
  fr: new Set([...NAMES, 'Hindi', 'Pause', 'Personas', 'Scores', 'Verdict', 'Vote']),
  'zh-cn': new Set(NAMES),
};

function sorted(matches: Iterable<RegExpMatchArray>): string[] {
  return [...matches].map((match) => match[0]).sort();
}

/** The pieces of a message that must come through a translation unchanged, sorted. */
export function keptPieces(message: string): string[] {
  return [
    ...sorted(message.matchAll(/\{\d+\}/gu)),
    ...sorted(message.matchAll(/%[A-Z_]+%/gu)),
    ...sorted(message.matchAll(/`[^`]*`/gu)),
    ...sorted(message.matchAll(/#talkingModels\.[A-Za-z.]+#/gu)),
    ...sorted(message.matchAll(/\]\([^)]+\)/gu)),
  ];
}

/** Whether a translation may equal its English: nothing in it to translate, or a word the language writes alike. */
export function maySameAsEnglish(english: string, language: ShippedLanguage): boolean {
  return !/\p{L}/u.test(english.replace(/\{\d+\}/gu, '')) || SAME_AS_ENGLISH[language].has(english);
}

/** What is wrong with `translation` of `english`, or null when it is a translation that keeps what it must. */
export function translationProblem(english: string, translation: string | undefined, language: ShippedLanguage): string | null {
  if (translation === undefined) return 'missing';
  if (translation.trim() === '') return 'empty';
  if (translation === english && !maySameAsEnglish(english, language)) return 'left in English';
  const want = keptPieces(english);
  const got = keptPieces(translation);
  if (JSON.stringify(want) !== JSON.stringify(got)) return `keeps ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`;
  return null;
}

/** Every problem of a translated file against its English, keyed: missing, empty, untranslated, changed pieces, extra keys. */
export function translationProblems(
  english: Readonly<Record<string, string>>,
  translated: Readonly<Record<string, string>>,
  language: ShippedLanguage,
): string[] {
  const problems = Object.entries(english).flatMap(([key, message]) => {
    const problem = translationProblem(message, translated[key], language);
    return problem === null ? [] : [`${JSON.stringify(key)}: ${problem}`];
  });
  const extra = Object.keys(translated).filter((key) => !Object.hasOwn(english, key)).map((key) => `${JSON.stringify(key)}: not in the English`);
  return [...problems, ...extra];
}
