import { gradeLabel } from '../../../lib/labels.ts';

/** 正职 7级: a post (by its API label when given) and grade. */
export const postAndGrade = (p: { post: string; postLabel?: string; grade: number }) =>
  `${p.postLabel ?? p.post} ${gradeLabel(p.grade)}`;
