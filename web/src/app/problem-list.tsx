import { useEffect, useState } from 'react';
import type { FieldProblem } from '../api/client.js';
import { problemLine } from './forms/form-errors.js';

/**
 * A refusal's field problems as sentences, each naming its field by the label the reader sees. The labels are read
 * from the page, so the list draws again once the form beside it is there.
 */
export function ProblemList({ problems }: { problems: readonly FieldProblem[] }) {
  const [, setDrawn] = useState(false);
  useEffect(() => setDrawn(true), []);
  if (problems.length === 0) return null;
  return (
    <ul data-testid="problem-list">
      {problems.map((p) => (
        <li key={p.path}>{problemLine(p)}</li>
      ))}
    </ul>
  );
}
