// A small padlock beside "private" (an SVG, so it looks the same wherever fonts lack emoji).
export function LockIcon() {
  return (
    <svg
      className="lock-icon"
      aria-hidden="true"
      viewBox="0 0 16 16"
      width="12"
      height="12"
      focusable="false"
    >
      <path fill="currentColor" d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" />
    </svg>
  );
}
