/** A group being edited in a proposal: its label and items (key 'rest' holds what goes in no group). */
export interface DraftGroup {
  key: string;
  label: string;
  itemIds: string[];
}
