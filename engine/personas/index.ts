// Personas: a tone plus an optional stance and role; the persona file; "Suggest speakers"; the
// recent line-ups. Everything here is pure except suggestSpeakers (one structured-output call).
export { STANCES, STANCE_LABELS, isStance, parseStance, stanceSentence, type Stance } from './stance';
export { MAX_ROLE_LENGTH, cleanRole, roleLabel, roleProblem, roleSentence } from './role';
export { checkPersona, findPersona, personaPrompt, personaTraits, recordedSpeaker, tonePromptOf, usablePersonas, type Persona, type PersonaTraits } from './persona';
export { PERSONA_FILE_KEY, PERSONA_FILE_VERSION, parsePersonaFile, serializePersonaFile, type PersonaFileResult } from './persona-file';
export { importSummary, mergePersonas, samePersona, type ConflictChoice, type PersonaConflict, type PersonaImport } from './persona-library';
export { MAX_SUGGESTED_NAME_LENGTH, MAX_SUGGESTED_SPEAKERS, MIN_SUGGESTED_SPEAKERS, type SuggestedSpeaker } from './lineup-request';
export { DEFAULT_SUGGEST_TIMEOUT_MS, suggestSpeakers, type SuggestRequest, type SuggestResult } from './suggest-speakers';
export {
  MAX_LINEUP_LABEL_LENGTH,
  MAX_RECENT_LINEUPS,
  lineUpLabel,
  lineUpOf,
  rememberLineUp,
  sameLineUp,
  usableRecentLineUps,
  type LineUp,
  type LineUpSpeaker,
} from './recent-lineups';
