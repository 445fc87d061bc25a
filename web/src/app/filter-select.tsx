/** A filter as a labelled select whose first, empty choice means "any". */
export function FilterSelect({ label, name, value, all, options, onChange }: { label: string; name: string; value: string | undefined; all: string; options: readonly { value: string; label: string }[]; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <select name={name} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
