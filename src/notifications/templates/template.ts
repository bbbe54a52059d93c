// What one kind of notification says, written once: the email (HTML and plain text) and
// the entry in the notification centre are both rendered from it.

/** An email's content, before the layout turns it into HTML and plain text. */
export interface EmailContent {
  subject: string;
  /** The one heading of the email (h1), and the notification centre's title. */
  heading: string;
  /** The first paragraph is the summary shown in the notification centre. */
  paragraphs: [string, ...string[]];
  /** An optional list (agenda items, reasons), shown after the paragraphs. */
  list?: { caption: string; items: string[] };
  /** The one thing to do: an app path ("/my/...") or a full URL, with text that says where it goes. */
  action?: { href: string; label: string };
  /** A closing line after the action (what to do if this was unexpected). */
  footnote?: string;
}

export interface Template<D> {
  /** What a person's preferences call this kind. */
  label: string;
  /**
   * A person may turn this kind off by email (and unsubscribe in one click). Account emails
   * (password reset, invitation, password changed) cannot be turned off.
   */
  optional: boolean;
  render(data: D): EmailContent;
}

export const defineTemplate = <D>(template: Template<D>): Template<D> => template;
