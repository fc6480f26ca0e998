// The words of the moderator's own turns built from its (already cleaned) answers, as the
// graph records them.

/** Pure: the text of the moderator's closing turn when it ends the debate early. */
export function closingNote(reason: string): string {
  return `I am closing the debate here: ${reason}`;
}
