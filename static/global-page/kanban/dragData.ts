/** What a dragged card carries, and how a drop target recognises it. */
export interface DraggedEpic {
  readonly kind: 'lpm-epic';
  readonly key: string;
  readonly state: string;
}

export function draggedEpic(key: string, state: string): Record<string | symbol, unknown> & DraggedEpic {
  return { kind: 'lpm-epic', key, state };
}

export function isDraggedEpic(data: Record<string | symbol, unknown>): data is Record<string | symbol, unknown> & DraggedEpic {
  return data.kind === 'lpm-epic' && typeof data.key === 'string' && typeof data.state === 'string';
}
