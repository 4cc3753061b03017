/** The information clause as a disclosure: there for whoever wants it, out of the way otherwise. */
export function ClauseDetails({ title, clause, testId }: { title: string; clause: { heading: string; text: string }[]; testId?: string }) {
  return (
    <details className="privacy-clause" data-testid={testId}>
      <summary>{title}</summary>
      {clause.map((section) => (
        <div key={section.heading}>
          <h4>{section.heading}</h4>
          <p>{section.text}</p>
        </div>
      ))}
    </details>
  );
}
