/** Topics a petition is filed under (labels in the petitionForms i18n area). */
export const PETITION_TOPICS = [
  'roads',
  'housing',
  'environment',
  'education',
  'health',
  'social',
  'economy',
  'agriculture',
  'digital',
  'safety',
  'culture',
  'governance',
  'other',
] as const;
export type PetitionTopic = (typeof PETITION_TOPICS)[number];
