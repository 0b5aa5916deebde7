// The simulator's featured tracks by its four main artists, named one by one so that tracks added to the
// catalogue later leave the tests (and the screenshots) that list them as they are.
export const FEATURED_TITLES: readonly string[] = [
  'Lantern Hum',
  'Harbour Lights',
  'Slow Current',
  'Short Bell',
  'Paper Boats',
  'Night Train',
  'Copper Wire',
  'Glass Garden',
  'Low Tide',
  'Morning Static',
  'Field Notes',
  'Long Drive',
  'Signal Fire',
  'Deep Water',
  'The Long Hour',
];
