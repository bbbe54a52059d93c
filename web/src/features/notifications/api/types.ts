// The shapes of the notification API, taken from the server's own schemas.
export type { NotificationView } from '../../../../../src/notifications/notification-centre';
export type { Preferences } from '../../../../../src/notifications/preferences';
export type { UndeliveredEmail } from '../../../../../src/notifications/undelivered';

import type { NotificationView } from '../../../../../src/notifications/notification-centre';
import type { UndeliveredEmail } from '../../../../../src/notifications/undelivered';

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  totalExact: boolean;
  limit: number;
  offset: number;
  unread: number;
}

export interface UndeliveredPage {
  items: UndeliveredEmail[];
  total: number;
  limit: number;
  offset: number;
}

export interface UnsubscribeLink {
  kind: string;
  label: string;
  unsubscribed: boolean;
}
