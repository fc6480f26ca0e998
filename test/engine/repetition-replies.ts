/** Replies of one debate (is remote work more productive?) for the repetition checks' tests, n-gram and embedding alike. */
export const ARGUMENT =
  'Remote work raises output because people skip the commute, choose their hours and focus without the noise of an open office, which every survey of engineers since 2020 confirms.';
/** ARGUMENT with a few words added: said again, by any measure. */
export const RESTATED =
  'Remote work raises output because people skip the daily commute, choose their own hours and focus without the noise of an open office, which every survey of engineers since 2020 confirms.';
/** ARGUMENT's point in other words. */
export const REWORDED =
  'Working from home pays off: no travel each morning, flexible schedules, and quiet rooms let staff concentrate, as study after study of developers keeps showing.';
/** The other side's point. */
export const OTHER_TOPIC =
  'Offices matter for juniors, who learn by overhearing seniors solve problems, and for trust between teams that rarely meet in person otherwise, whatever the tools promise.';
/** A new point on the same side. */
export const FRESH =
  'Productivity figures hide costs: managers report slower onboarding, fewer chance conversations and weaker mentoring when nobody shares a room for months at a stretch.';
