// Labelled form controls. Every control has a visible label; hints and errors are
// tied to it with aria-describedby, and an error sets aria-invalid.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';

interface FieldFrame {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Hide the label visually (it is still read out), for dense tables. */
  hideLabel?: boolean;
  className?: string;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The id and ARIA attributes of a control whose hint and error are tied to it. */
function useControl(givenId: string | undefined, hint: unknown, error: unknown) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint, error),
  } as const;
}

function FieldHint({ id, hint }: { id: string; hint: ReactNode }) {
  if (!hint) return null;
  return (
    <p className="field__hint" id={`${id}-hint`}>
      {hint}
    </p>
  );
}

function Frame({
  id,
  label,
  hint,
  error,
  hideLabel,
  className,
  children,
}: FieldFrame & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field__label'}>
        {label}
      </label>
      <FieldHint id={id} hint={hint} />
      {children}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message?: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field__error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

export function TextField({
  label,
  hint,
  error,
  hideLabel,
  className,
  id: givenId,
  ...input
}: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const control = useControl(givenId, hint, error);
  return (
    <Frame
      id={control.id}
      label={label}
      hint={hint}
      error={error}
      hideLabel={hideLabel}
      className={className}
    >
      <input className="input" {...control} {...input} />
    </Frame>
  );
}

export function TextArea({
  label,
  hint,
  error,
  hideLabel,
  className,
  id: givenId,
  ...input
}: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const control = useControl(givenId, hint, error);
  return (
    <Frame
      id={control.id}
      label={label}
      hint={hint}
      error={error}
      hideLabel={hideLabel}
      className={className}
    >
      <textarea className="input textarea" {...control} {...input} />
    </Frame>
  );
}

export function SelectField({
  label,
  hint,
  error,
  hideLabel,
  className,
  id: givenId,
  children,
  ...select
}: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  const control = useControl(givenId, hint, error);
  return (
    <Frame
      id={control.id}
      label={label}
      hint={hint}
      error={error}
      hideLabel={hideLabel}
      className={className}
    >
      <select className="input select" {...control} {...select}>
        {children}
      </select>
    </Frame>
  );
}

export function CheckboxField({
  label,
  hint,
  error,
  className,
  id: givenId,
  ...input
}: Omit<FieldFrame, 'hideLabel'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const control = useControl(givenId, hint, error);
  const { id } = control;
  return (
    <div className={`field field--check${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <div className="check">
        <input type="checkbox" {...control} {...input} />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldHint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A group of radios or checkboxes with one legend and one error. */
export function Fieldset({
  legend,
  hint,
  error,
  children,
  className,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <fieldset
      className={`fieldset${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend className="field__label">{legend}</legend>
      <FieldHint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
      {children}
    </fieldset>
  );
}

export interface Choice<T extends string> {
  value: T;
  title: ReactNode;
  text: ReactNode;
}

/** One choice among a few, as cards that each say what the choice means. */
export function ChoiceCards<T extends string>({
  legend,
  hint,
  error,
  name,
  choices,
  value,
  onChange,
  disabled,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  name: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (next: T) => void;
  disabled?: boolean;
}) {
  return (
    <Fieldset legend={legend} hint={hint} error={error}>
      <div className="choice-cards">
        {choices.map((c) => (
          <label key={c.value} className={`choice-card${value === c.value ? ' choice-card--selected' : ''}`}>
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={value === c.value}
              disabled={disabled}
              onChange={() => onChange(c.value)}
            />
            <span className="choice-card__title">{c.title}</span>
            <span className="choice-card__text">{c.text}</span>
          </label>
        ))}
      </div>
    </Fieldset>
  );
}
