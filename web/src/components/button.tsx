import type { ComponentPropsWithRef } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

export function Button({
  variant = 'primary',
  busy = false,
  size,
  className,
  children,
  disabled,
  type = 'button',
  ...rest
}: ComponentPropsWithRef<'button'> & { variant?: Variant; busy?: boolean; size?: 'small' }) {
  return (
    <button
      type={type}
      className={`button button--${variant}${size ? ` button--${size}` : ''}${className ? ` ${className}` : ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <span className="spinner spinner--inline" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
