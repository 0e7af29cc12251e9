/** A set of radio buttons for one setting: each choice with its label, the checked one the current value. */
import { message, type MessageKey } from '../shared/i18n';

interface RadioGroupProps<V extends string> {
  /** The form name of the group (tests and assistive technology tell groups apart by it). */
  name: string;
  value: V;
  choices: ReadonlyArray<{ value: V; label: MessageKey }>;
  onChange: (value: V) => void;
}

export function RadioGroup<V extends string>({ name, value, choices, onChange }: RadioGroupProps<V>) {
  return (
    <>
      {choices.map((choice) => (
        <label class="row" key={choice.value}>
          <input type="radio" name={name} checked={value === choice.value} onChange={() => onChange(choice.value)} />
          {message(choice.label)}
        </label>
      ))}
    </>
  );
}
