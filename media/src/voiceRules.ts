// Which voice reads whom when the debate is read aloud (readAloud.ts). Pure: the platform's
// voices come in as plain records, so the rules are tested without a browser.
//
// Voices in the debate's language (else the UI language) are preferred: a French debate read
// by an English voice is hard to follow, so when that language has fewer voices than
// speakers, voices are reused with another pitch and rate rather than taken from another
// language. The moderator reads in a neutral voice: the language's first voice at the
// platform's own pitch and rate.

/** What the rules need of a SpeechSynthesisVoice. */
export interface VoiceInfo {
  name: string;
  /** BCP 47, as the platform gives it ("en-US", sometimes "en_US"). */
  lang: string;
  /** The platform's default voice. */
  default: boolean;
}

/** A voice as one speaker (or the moderator) uses it. */
export interface VoiceChoice<V extends VoiceInfo = VoiceInfo> {
  voice: V;
  pitch: number;
  rate: number;
}

/** The voices of one debate: one per speaker (by speaker index), and the moderator's. */
export interface VoiceCast<V extends VoiceInfo = VoiceInfo> {
  speakers: VoiceChoice<V>[];
  moderator: VoiceChoice<V>;
}

export interface CastRequest {
  /** How many speakers the debate has. */
  speakers: number;
  /** Languages to prefer, best first: names ("French", "Simplified Chinese") or tags ("fr-FR"). */
  languages: readonly (string | undefined)[];
  /** The debate has an AI moderator: its neutral voice is kept for it alone while voices last. */
  reserveModerator: boolean;
}

/** Pitch and rate that make one voice sound like another person; the first is the voice as it is. */
const VARIANTS: readonly { pitch: number; rate: number }[] = [
  { pitch: 1, rate: 1 },
  { pitch: 0.75, rate: 0.95 },
  { pitch: 1.3, rate: 1.05 },
  { pitch: 0.6, rate: 0.9 },
  { pitch: 1.5, rate: 1.1 },
  { pitch: 0.9, rate: 1.15 },
  { pitch: 1.15, rate: 0.85 },
];

const TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]+)*$/i;

/** The tag's primary language, lower case ("en_US" → "en"). */
function primaryLanguage(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

function displayName(locale: string, code: string): string | undefined {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code)?.toLowerCase();
  } catch {
    return undefined; // not a code Intl knows
  }
}

/** Whether `hint` words name `name` ("simplified chinese" names "chinese"). */
function namesLanguage(hint: string, name: string | undefined): boolean {
  if (name === undefined || name === '') return false;
  return hint === name || ` ${hint} `.replace(/[()]/g, ' ').includes(` ${name} `);
}

/** Pure: whether a voice's tag is in the language `hint` names, as a tag ("fr", "fr-CA") or a name in English or in itself ("French", "français"). */
export function speaksLanguage(voiceLang: string, hint: string): boolean {
  const wanted = hint.trim().toLowerCase();
  if (wanted === '' || voiceLang.trim() === '') return false;
  const primary = primaryLanguage(voiceLang);
  if (TAG.test(wanted) && primaryLanguage(wanted) === primary) return true;
  return namesLanguage(wanted, displayName('en', primary)) || namesLanguage(wanted, displayName(primary, primary));
}

/** The voices a debate is read with, best first: the first preferred language that has any, else the default voice's language, else all. */
export function voicePool<V extends VoiceInfo>(voices: readonly V[], languages: readonly (string | undefined)[]): V[] {
  for (const hint of languages) {
    if (hint === undefined) continue;
    const matching = voices.filter((voice) => speaksLanguage(voice.lang, hint));
    if (matching.length === 0) continue;
    // Within the language, the same region first ("en-GB" asked: British voices), then the platform's default.
    const sameTag = (voice: V) => voice.lang.replace('_', '-').toLowerCase() === hint.trim().replace('_', '-').toLowerCase();
    return [...matching].sort((a, b) => Number(sameTag(b)) - Number(sameTag(a)) || Number(b.default) - Number(a.default));
  }
  const fallback = voices.find((voice) => voice.default) ?? voices[0];
  if (fallback === undefined) return [];
  const sameLanguage = voices.filter((voice) => primaryLanguage(voice.lang) === primaryLanguage(fallback.lang));
  return [fallback, ...sameLanguage.filter((voice) => voice !== fallback)];
}

/**
 * Pure: a distinct voice for each speaker while the pool lasts, then the pool's voices again
 * with another pitch and rate, so no two speakers (nor a speaker and a reserved moderator)
 * sound alike; null without any voice.
 */
export function castVoices<V extends VoiceInfo>(voices: readonly V[], request: CastRequest): VoiceCast<V> | null {
  const pool = voicePool(voices, request.languages);
  if (pool.length === 0) return null;
  // Every (variant, voice) pair in turn: all voices as they are, then all of them varied.
  const slots = VARIANTS.flatMap((variant) => pool.map((voice) => ({ voice, ...variant })));
  const moderator = slots[0]!;
  const first = request.reserveModerator ? 1 : 0;
  const speakers = Array.from({ length: request.speakers }, (_, index) => slots[(first + index) % slots.length]!);
  return { speakers, moderator };
}
