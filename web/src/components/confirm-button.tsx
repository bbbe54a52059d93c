// A button that asks "are you sure?" in place, without a modal, for actions that cannot be undone.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Button } from './button';

export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  busy,
  variant = 'danger',
  label,
}: {
  children: ReactNode;
  /** An accessible name for the first button when its text alone is ambiguous ("Remove"). */
  label?: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
  variant?: 'danger' | 'primary' | 'secondary';
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  // Focus follows the question: to "confirm" when it appears, back to the button when it goes.
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <Button
        ref={triggerRef}
        variant={variant === 'primary' ? 'primary' : 'secondary'}
        onClick={() => setAsking(true)}
        busy={busy}
        aria-label={label}
      >
        {children}
      </Button>
    );
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of two buttons with their question
    <div className="confirm" role="group" aria-label={question}>
      <span className="confirm__question">{question}</span>
      <Button
        ref={confirmRef}
        variant={variant}
        busy={busy}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel}
      </Button>
      <Button variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </div>
  );
}
